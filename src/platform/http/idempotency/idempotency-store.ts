import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { platformConfig, type PlatformConfig } from '../../config/platform.config';
import { preparedSql, sql } from '../../database/sql';
import { IdempotencyKeyInUseError } from './idempotency.errors';

/** What a key holds, seen from inside the request's transaction. */
export type KeyState =
  | { readonly kind: 'new' }
  /** Another request with this key is running right now. */
  | { readonly kind: 'in_use' }
  /** The key was used for a different request. */
  | { readonly kind: 'mismatch' }
  | { readonly kind: 'replay'; readonly status: number; readonly body: unknown };

/**
 * Idempotency keys in PostgreSQL. A key row exists only once its request's work has committed:
 * it is written in that same transaction. While the work runs, the request holds a
 * transaction-scoped advisory lock on the key, so a concurrent duplicate is told at once (409)
 * and a request that dies, killed or crashed, releases it with its transaction, leaving the key
 * free for a retry. No timer decides whether a request is still alive.
 */
@Injectable()
export class IdempotencyStore {
  constructor(@Inject(platformConfig.KEY) private readonly config: PlatformConfig) {}

  /**
   * Takes the key's lock, without waiting, then reads what the key holds. Two statements on
   * purpose: the read must see a snapshot taken after the lock is held, so that a duplicate which
   * waited out the first request sees the key the first request committed. They are sent
   * together (one round trip on a pipelined connection): the server still runs the read after
   * the lock, and takes its snapshot then.
   */
  async begin(manager: EntityManager, scope: string, key: string, fingerprint: string): Promise<KeyState> {
    const [lock, { rows }] = await Promise.all([
      preparedSql<{ locked: boolean }>(
        manager,
        'idempotency_lock',
        `SELECT pg_try_advisory_xact_lock(hashtextextended($1 || ' ' || $2, 0)) AS locked`,
        [scope, key],
      ),
      preparedSql<{ fingerprint: string; response_status: number; response_body: unknown }>(
        manager,
        'idempotency_read',
        `SELECT fingerprint, response_status, response_body FROM platform.idempotency_keys
         WHERE scope = $1 AND key = $2 AND expires_at > now()`,
        [scope, key],
      ),
    ]);
    if (!lock.rows[0].locked) return { kind: 'in_use' };
    const [row] = rows;
    if (!row) return { kind: 'new' };
    if (row.fingerprint !== fingerprint) return { kind: 'mismatch' };
    return { kind: 'replay', status: row.response_status, body: row.response_body };
  }

  /** Stores the response in the request's transaction (replacing an expired key of the same name). */
  async save(
    manager: EntityManager,
    scope: string,
    key: string,
    fingerprint: string,
    status: number,
    body: unknown,
  ): Promise<void> {
    const { affected } = await preparedSql(
      manager,
      'idempotency_save',
      `INSERT INTO platform.idempotency_keys (scope, key, fingerprint, response_status, response_body, expires_at)
       VALUES ($1, $2, $3, $4, $5::jsonb, now() + $6 * interval '1 hour')
       ON CONFLICT (scope, key) DO UPDATE
         SET fingerprint = EXCLUDED.fingerprint, response_status = EXCLUDED.response_status,
             response_body = EXCLUDED.response_body, created_at = now(), expires_at = EXCLUDED.expires_at
         WHERE idempotency_keys.expires_at <= now()`,
      [scope, key, fingerprint, status, JSON.stringify(body ?? null), this.config.idempotency.keyTtlHours],
    );
    // A live key under this name means another request stored its answer after `begin` looked:
    // fail, so this transaction and its work roll back rather than overwrite that answer; the
    // client retries and gets that answer replayed.
    if (affected !== 1) throw new IdempotencyKeyInUseError();
  }

  /** Drops keys past their retention, in batches. */
  async prune(manager: EntityManager): Promise<number> {
    let total = 0;
    for (;;) {
      const { affected } = await sql(
        manager,
        `DELETE FROM platform.idempotency_keys WHERE (scope, key) IN (
           SELECT scope, key FROM platform.idempotency_keys WHERE expires_at < now() LIMIT 5000)`,
      );
      total += affected;
      if (affected < 5000) return total;
    }
  }
}
