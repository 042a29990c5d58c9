import { Logger } from '@nestjs/common';
import type { DataSource, Migration } from 'typeorm';

// Any constant works; it only has to be the same for every instance of this application.
const MIGRATIONS_LOCK = 7_204_118_001;

/**
 * Runs pending migrations. On a shared server, several instances may start at once, so they
 * queue on an advisory lock; the embedded database is a single process with a single
 * connection, where holding the lock on one connection would starve the migration itself. Each
 * migration runs in its own transaction (`migrationsTransactionMode` in the data source options).
 */
export async function runMigrations(dataSource: DataSource, { exclusive }: { exclusive: boolean }): Promise<void> {
  if (!exclusive) {
    report(await dataSource.runMigrations());
    return;
  }
  const lock = dataSource.createQueryRunner();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATIONS_LOCK]);
    report(await dataSource.runMigrations());
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATIONS_LOCK]).catch(() => undefined);
    await lock.release();
  }
}

/** A schema change is worth a line; a start with nothing to migrate says nothing. */
function report(applied: Migration[]): void {
  if (applied.length > 0)
    new Logger('Database').log(`Applied ${applied.length} migration(s), the last ${applied[applied.length - 1].name}`);
}
