/** What modules may use of the database: the unit of work, raw SQL helpers and column transformers. */
export { bigintTransformer, toSafeInteger } from './bigint.transformer';
export { deferredSql, preparedSql, sql, type SqlResult } from './sql';
export { NoTransactionError, UnitOfWork } from './unit-of-work';
