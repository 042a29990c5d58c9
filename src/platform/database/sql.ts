import type { EntityManager } from 'typeorm';
import { PipelinedClient } from './pipelined-client';

export interface SqlResult<T> {
  readonly rows: T[];
  /** Rows inserted, updated or deleted (for a SELECT, rows returned). */
  readonly affected: number;
}

/**
 * Runs one parameterised statement and returns its rows and affected count in one shape,
 * whatever the command (TypeORM's `query()` returns `[rows, count]` for UPDATE and DELETE, rows
 * otherwise). Inside a transaction it uses the transaction's connection; otherwise a pooled one.
 */
export async function sql<T = Record<string, unknown>>(
  manager: EntityManager,
  text: string,
  parameters: readonly unknown[] = [],
): Promise<SqlResult<T>> {
  const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
  try {
    const result = await runner.query(text, [...parameters], true);
    const rows = (result.records ?? []) as T[];
    return { rows, affected: result.affected ?? rows.length };
  } finally {
    if (!manager.queryRunner) await runner.release();
  }
}

interface PreparingClient {
  query(config: {
    name?: string;
    text: string;
    values: unknown[];
  }): Promise<{ rows: unknown[]; rowCount: number | null }>;
}

/**
 * `sql` as a named prepared statement: each connection parses and plans it once instead of on
 * every call. For the few statements run for every event (claim, publish, finish), where planning
 * was a fifth of the database's CPU. `name` must stand for this one text everywhere.
 */
export async function preparedSql<T = Record<string, unknown>>(
  manager: EntityManager,
  name: string,
  text: string,
  parameters: readonly unknown[] = [],
): Promise<SqlResult<T>> {
  const query = { name, text, values: [...parameters] };
  // TypeORM's query() cannot name a statement: the transaction's own pg client, or the pool's, can.
  const client: PreparingClient = manager.queryRunner
    ? ((await manager.queryRunner.connect()) as PreparingClient)
    : (manager.connection.driver as unknown as { master: PreparingClient }).master;
  const result = await client.query(query);
  return { rows: result.rows as T[], affected: result.rowCount ?? result.rows.length };
}

/**
 * A write inside the open transaction whose answer nobody reads (no rows, no count): sent without
 * waiting for it, with the next statement or the COMMIT, which fails with its error if it fails
 * (see PipelinedClient). `name`, when given, makes it a named prepared statement, as in
 * `preparedSql`. Where the connection is not pipelined (DATABASE_PIPELINE=false, or the embedded
 * database), it is awaited like any other statement.
 */
export async function deferredSql(
  manager: EntityManager,
  name: string | undefined,
  text: string,
  parameters: readonly unknown[] = [],
): Promise<void> {
  if (!manager.queryRunner?.isTransactionActive) throw new Error('A deferred write must run inside a transaction');
  const client: unknown = await manager.queryRunner.connect();
  const query = { name, text, values: [...parameters] };
  if (client instanceof PipelinedClient && client.pipelined) client.defer(query);
  else await (client as PreparingClient).query(query);
}
