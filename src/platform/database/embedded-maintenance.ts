import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { DataSource } from 'typeorm';
import { DatabaseConnection } from './database-connection';

/** autovacuum_naptime's default: how often a server's autovacuum looks at each database. */
const INTERVAL_MS = 60_000;
const INTERVAL_NAME = 'embedded-maintenance';

// PostgreSQL's default thresholds (autovacuum_vacuum_*, autovacuum_vacuum_insert_*,
// autovacuum_analyze_*): a base number of rows plus a fraction of the table. A table never
// analyzed (reltuples -1) counts as empty, as autovacuum counts it.
const DUE_SQL = `
  SELECT format('%I.%I', s.schemaname, s.relname) AS name,
         s.n_dead_tup > 50 + 0.2 * greatest(c.reltuples, 0)
           OR s.n_ins_since_vacuum > 1000 + 0.2 * greatest(c.reltuples, 0) AS vacuum
  FROM pg_stat_user_tables s
  JOIN pg_class c ON c.oid = s.relid
  WHERE s.n_dead_tup > 50 + 0.2 * greatest(c.reltuples, 0)
     OR s.n_ins_since_vacuum > 1000 + 0.2 * greatest(c.reltuples, 0)
     OR s.n_mod_since_analyze > 50 + 0.1 * greatest(c.reltuples, 0)
  ORDER BY s.schemaname, s.relname`;

export interface MaintenancePass {
  /** Tables vacuumed, and analyzed with it. */
  readonly vacuumed: readonly string[];
  /** Tables only analyzed. */
  readonly analyzed: readonly string[];
}

/**
 * What autovacuum does on a server, done for the embedded database, which has none: PGlite runs
 * PostgreSQL as one standalone backend, so nothing ever vacuums or analyzes its tables. Without
 * statistics the planner guesses, and guessed badly for the relay's claim: on a backlog of 40,000
 * deliveries it read every delivery of the consumer for each one it claimed (1.3-1.5 s to claim
 * 200, against 10-17 ms once analyzed); without vacuum, the dead rows every delivery, retry and
 * expired key leaves stay in the tables and their indexes. Every minute, each table changed past
 * autovacuum's default thresholds is vacuumed or analyzed, one statement at a time on the one
 * session (a quarter of a second for that backlog).
 */
@Injectable()
export class EmbeddedMaintenance implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(EmbeddedMaintenance.name);
  private pass?: Promise<MaintenancePass>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly connection: DatabaseConnection,
    private readonly scheduler: SchedulerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.connection.isEmbedded) return;
    this.scheduler.addInterval(
      INTERVAL_NAME,
      setInterval(() => void this.maintainOnce(), INTERVAL_MS),
    );
  }

  /** Before the pool and the database close: no pass starts any more, and one under way finishes. */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.scheduler.doesExist('interval', INTERVAL_NAME)) this.scheduler.deleteInterval(INTERVAL_NAME);
    await this.pass;
  }

  /** Vacuums and analyzes what is due now; one pass at a time. Never throws. */
  maintainOnce(): Promise<MaintenancePass> {
    this.pass ??= this.run().finally(() => (this.pass = undefined));
    return this.pass;
  }

  private async run(): Promise<MaintenancePass> {
    const vacuumed: string[] = [];
    const analyzed: string[] = [];
    try {
      const due = await this.dataSource.query<Array<{ name: string; vacuum: boolean }>>(DUE_SQL);
      // Neither may run inside a transaction: each goes to the pool on its own.
      for (const { name, vacuum } of due) {
        await this.dataSource.query(vacuum ? `VACUUM (ANALYZE) ${name}` : `ANALYZE ${name}`);
        (vacuum ? vacuumed : analyzed).push(name);
      }
      if (due.length > 0)
        this.logger.debug(`Vacuumed ${vacuumed.join(', ') || '-'}; analyzed ${analyzed.join(', ') || '-'}`);
    } catch (error) {
      // A table dropped meanwhile, the database closing: the next pass looks again.
      this.logger.warn(`Maintenance of the embedded database stopped: ${String(error)}`);
    }
    return { vacuumed, analyzed };
  }
}
