import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, rename, rm, rmdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { ConfigValidationError } from '../config/define-config';

/**
 * PostgreSQL compiled to WebAssembly (PGlite), served over the wire protocol on loopback so
 * that `pg` and TypeORM use it unchanged. It is one session: callers must keep their pool at one
 * connection, and LISTEN/NOTIFY does not reach them. It exists so that `npm start` works with
 * nothing installed; tests, benchmarks and production use a real server.
 */
export class EmbeddedPostgres {
  private constructor(
    private readonly db: PGlite,
    private readonly server: PGLiteSocketServer,
    readonly url: string,
    readonly dataDir: string,
  ) {}

  static async start(dataDir: string): Promise<EmbeddedPostgres> {
    const absolute = resolve(dataDir);
    const logger = new Logger('Database');
    // Up to seconds of silence otherwise, on a first start most of all: say which kind of start this is.
    if (existsSync(join(absolute, 'PG_VERSION'))) {
      logger.log(`Opening the embedded PostgreSQL (PGlite) in ${absolute}`);
    } else {
      // A new cluster, copied or made, goes only where nothing else is.
      await refuseOtherFiles(absolute);
      if (existsSync(TEMPLATE)) {
        logger.log(`First start: copying the embedded PostgreSQL (PGlite), already migrated, into ${absolute}`);
        await copyTemplate(absolute);
      } else {
        logger.log(
          `First start: creating the embedded PostgreSQL (PGlite) in ${absolute} (initdb, then every migration: ` +
            'about 10 s; the template `npm run build` prepares avoids this)',
        );
        await mkdir(absolute, { recursive: true });
      }
    }
    const db = await PGlite.create(absolute, {
      // PostgreSQL's 128 MB default is far more than one local user needs, and WebAssembly memory never shrinks.
      startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'],
    });
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0 });
    await server.start();
    // Port 0 lets the OS pick a free port; getServerConn() reports the one it chose ("host:port").
    return new EmbeddedPostgres(db, server, `postgres://postgres@${server.getServerConn()}/postgres`, absolute);
  }

  async stop(): Promise<void> {
    await this.server.stop();
    await this.db.close();
  }
}

/** The cluster `npm run build` made (dist/pglite-template/), migrated, for a data directory not yet initialised. */
const TEMPLATE = resolve(__dirname, '../../pglite-template');

/**
 * A new data directory starts as a copy of the template, which is what initdb and the migrations
 * would leave, in a fraction of their time and memory: PGlite then opens it as any existing one.
 * The copy is made beside it and renamed into place, so a start killed halfway leaves no cluster
 * half copied, only a leftover the next start replaces.
 */
async function copyTemplate(dataDir: string): Promise<void> {
  const partial = `${dataDir}.copying`;
  await rm(partial, { recursive: true, force: true });
  await mkdir(dirname(dataDir), { recursive: true });
  await cp(TEMPLATE, partial, { recursive: true });
  // Empty, or missing (see refuseOtherFiles): rmdir removes nothing else.
  await rmdir(dataDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
  await rename(partial, dataDir);
}

/** An empty data directory (made by hand, say) gives way to a new cluster; one with other files in it does not. */
async function refuseOtherFiles(dataDir: string): Promise<void> {
  const present = await readdir(dataDir).catch(() => []);
  if (present.length === 0) return;
  throw new ConfigValidationError(
    `EMBEDDED_DB_DIR (${dataDir}) holds files but no database: empty it, or set EMBEDDED_DB_DIR to another directory`,
  );
}
