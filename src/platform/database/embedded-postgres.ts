import { resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { prepareEmbeddedDataDir } from './embedded-data-dir';

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
    // The copy of a first start may be under way already (main.ts's head start), or done.
    const { start, ready } = prepareEmbeddedDataDir(absolute);
    // Up to seconds of silence otherwise, on a first start most of all: say which kind of start this is.
    if (start === 'existing') {
      logger.log(`Opening the embedded PostgreSQL (PGlite) in ${absolute}`);
    } else if (start === 'copied') {
      logger.log(`First start: copying the embedded PostgreSQL (PGlite), already migrated, into ${absolute}`);
    } else {
      logger.log(
        `First start: creating the embedded PostgreSQL (PGlite) in ${absolute} (initdb, then every migration: ` +
          'about 10 s; the template `npm run build` prepares avoids this)',
      );
    }
    await ready;
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
