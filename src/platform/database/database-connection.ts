import { relative } from 'node:path';
import { Logger } from '@nestjs/common';
import { withoutPassword } from './database-unavailable';
import { EmbeddedPostgres } from './embedded-postgres';
import type { PlatformConfig } from '../config/platform.config';

/** Where the database is, decided once at boot: the server named by DATABASE_URL, or an embedded one. */
export class DatabaseConnection {
  private constructor(
    readonly url: string,
    readonly poolSize: number,
    private readonly embedded?: EmbeddedPostgres,
  ) {}

  get isEmbedded(): boolean {
    return this.embedded !== undefined;
  }

  /** For the startup summary: where the data is, with no password in it. */
  describe(): string {
    if (this.embedded) {
      const inside = relative(process.cwd(), this.embedded.dataDir);
      return `embedded PostgreSQL (PGlite) in ${inside && !inside.startsWith('..') ? inside : this.embedded.dataDir}`;
    }
    return withoutPassword(this.url);
  }

  static async open(config: PlatformConfig['database']): Promise<DatabaseConnection> {
    if (config.url) return new DatabaseConnection(config.url, config.poolSize);
    const embedded = await EmbeddedPostgres.start(config.embeddedDir);
    new Logger('Database').log(
      'DATABASE_URL is not set: the embedded PostgreSQL is up. It suits trying the API; ' +
        'set DATABASE_URL to use a PostgreSQL server.',
    );
    // PGlite is a single session: a second pooled connection would be dropped.
    return new DatabaseConnection(embedded.url, 1, embedded);
  }

  async close(): Promise<void> {
    await this.embedded?.stop();
  }
}
