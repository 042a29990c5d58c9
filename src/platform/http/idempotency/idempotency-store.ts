import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { platformConfig, type PlatformConfig } from '../../config/platform.config';
import { sql } from '../../database/sql';
import { UnitOfWork } from '../../database/unit-of-work';

export type Claim =
  | { readonly kind: 'acquired' }
  | { readonly kind: 'in_use' }
  | { readonly kind: 'mismatch' }
  | { readonly kind: 'replay'; readonly status: number; readonly body: unknown };

interface KeyRow {
  fingerprint: string;
  status: 'in_progress' | 'completed';
  response_status: number | null;
  response_body: unknown;
}

/** Idempotency keys in PostgreSQL: claimed before the work, completed in the work's transaction. */
@Injectable()
export class IdempotencyStore {
  constructor(
    @Inject(platformConfig.KEY) private readonly config: PlatformConfig,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  /**
   * Claims the key in its own short transaction, so a concurrent duplicate sees it at once (409)
   * instead of waiting on our lock. An expired key is free again; so is one whose holder died
   * mid-request (its lock ran out, and its work, never committed, left nothing behind).
   */
  async claim(scope: string, key: string, fingerprint: string): Promise<Claim> {
    const manager = this.unitOfWork.manager;
    const { idempotency } = this.config;
    const claimed = await sql(
      manager,
      `INSERT INTO platform.idempotency_keys AS k (scope, key, fingerprint, status, locked_until, expires_at)
       VALUES ($1, $2, $3, 'in_progress', now() + $4 * interval '1 second', now() + $5 * interval '1 hour')
       ON CONFLICT (scope, key) DO UPDATE
         SET fingerprint = EXCLUDED.fingerprint, status = 'in_progress', response_status = NULL,
             response_body = NULL, locked_until = EXCLUDED.locked_until, created_at = now(),
             expires_at = EXCLUDED.expires_at
         WHERE k.expires_at < now()
            OR (k.status = 'in_progress' AND k.locked_until < now() AND k.fingerprint = EXCLUDED.fingerprint)
       RETURNING 1`,
      [scope, key, fingerprint, idempotency.lockSeconds, idempotency.keyTtlHours],
    );
    if (claimed.affected > 0) return { kind: 'acquired' };

    const { rows } = await sql<KeyRow>(
      manager,
      `SELECT fingerprint, status, response_status, response_body FROM platform.idempotency_keys WHERE scope = $1 AND key = $2`,
      [scope, key],
    );
    const [row] = rows;
    // Deleted between the two statements (its first request failed validation): try again.
    if (!row) return this.claim(scope, key, fingerprint);
    if (row.fingerprint !== fingerprint) return { kind: 'mismatch' };
    if (row.status === 'in_progress') return { kind: 'in_use' };
    return { kind: 'replay', status: row.response_status!, body: row.response_body };
  }

  /** Stores the response in `manager`'s transaction: it exists if and only if the work committed. */
  async complete(manager: EntityManager, scope: string, key: string, status: number, body: unknown): Promise<void> {
    await sql(
      manager,
      `UPDATE platform.idempotency_keys
       SET status = 'completed', response_status = $3, response_body = $4::jsonb, locked_until = NULL
       WHERE scope = $1 AND key = $2`,
      [scope, key, status, JSON.stringify(body ?? null)],
    );
  }

  /** Frees a key whose request changed nothing and may be retried as is (it failed validation, or crashed). */
  async release(scope: string, key: string): Promise<void> {
    await sql(
      this.unitOfWork.manager,
      `DELETE FROM platform.idempotency_keys WHERE scope = $1 AND key = $2 AND status = 'in_progress'`,
      [scope, key],
    );
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
