import type { EntityManager } from 'typeorm';

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
