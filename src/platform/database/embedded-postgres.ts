import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

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
    await mkdir(absolute, { recursive: true });
    const template = await templateFor(absolute);
    // Up to seconds of silence otherwise, on a first start most of all: say which kind of start this is.
    new Logger('Database').log(
      existsSync(join(absolute, 'PG_VERSION'))
        ? `Opening the embedded PostgreSQL (PGlite) in ${absolute}`
        : template
          ? `First start: unpacking the embedded PostgreSQL (PGlite), already migrated, into ${absolute}`
          : `First start: creating the embedded PostgreSQL (PGlite) in ${absolute} (initdb, then every migration: ` +
            'about 10 s; `npm run build` packs a template that makes this faster)',
    );
    const db = await PGlite.create(absolute, {
      loadDataDir: template,
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

/** The cluster `npm run build` packed (dist/pglite-template.tar.gz), migrated, for a data directory not yet initialised. */
const TEMPLATE = resolve(__dirname, '../../pglite-template.tar.gz');

/**
 * A new data directory starts from the packed template, which is what initdb and the migrations
 * would leave, in a fraction of their time and memory; without one (run from the sources), PGlite
 * runs initdb and the app its migrations.
 */
async function templateFor(dataDir: string): Promise<Blob | undefined> {
  if (existsSync(join(dataDir, 'PG_VERSION')) || !existsSync(TEMPLATE)) return undefined;
  return new Blob([await readFile(TEMPLATE)]);
}
