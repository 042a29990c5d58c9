import { Injectable } from '@nestjs/common';
import { sql } from '../database/sql';
import { newId } from '../ids';
import { hashApiKey, newApiKeySecret, visiblePrefix } from './api-key-secret';
import { AuthDatabase } from './auth-database';
import type { Caller } from './caller';

export interface ApiKeyRecord {
  readonly id: string;
  readonly name: string;
  readonly prefix: string;
  readonly scopes: string[];
  readonly ownerId: string | null;
  readonly createdAt: Date;
  readonly revokedAt: Date | null;
}

interface ApiKeyRow {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  owner_id: string | null;
  created_at: Date;
  revoked_at: Date | null;
}

const COLUMNS = 'id, name, prefix, scopes, owner_id, created_at, revoked_at';

function toRecord(row: ApiKeyRow): ApiKeyRecord {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes,
    ownerId: row.owner_id,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}

/**
 * API keys in `platform.api_keys` (of AuthDatabase): a SHA-256 of each key and its first characters, never the key.
 * Every request looks its key up here (one primary-key probe), with no cache, so a revocation
 * holds at once on every instance.
 */
@Injectable()
export class ApiKeyStore {
  constructor(private readonly database: AuthDatabase) {}

  /** The caller a live key stands for, or null for an unknown or revoked key. */
  async authenticate(secret: string): Promise<Caller | null> {
    const { rows } = await sql<ApiKeyRow>(
      this.database.manager,
      `SELECT ${COLUMNS} FROM platform.api_keys WHERE hash = $1 AND revoked_at IS NULL`,
      [hashApiKey(secret)],
    );
    const [row] = rows;
    return row ? { keyId: row.id, keyName: row.name, scopes: row.scopes, ownerId: row.owner_id } : null;
  }

  /** Creates a key; the secret is returned here and never again. */
  async create(input: {
    name: string;
    scopes: readonly string[];
    ownerId: string | null;
    development?: boolean;
  }): Promise<{ key: ApiKeyRecord; secret: string } | null> {
    const secret = newApiKeySecret();
    // The development key is one per database: a second instance starting at the same moment creates none.
    const { rows } = await sql<ApiKeyRow>(
      this.database.manager,
      `INSERT INTO platform.api_keys (id, name, prefix, hash, scopes, owner_id, development)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT DO NOTHING
       RETURNING ${COLUMNS}`,
      [
        newId(),
        input.name,
        visiblePrefix(secret),
        hashApiKey(secret),
        input.scopes,
        input.ownerId,
        input.development ?? false,
      ],
    );
    return rows[0] ? { key: toRecord(rows[0]), secret } : null;
  }

  async hasDevelopmentKey(): Promise<boolean> {
    const { rows } = await sql(
      this.database.manager,
      `SELECT 1 FROM platform.api_keys WHERE development AND revoked_at IS NULL`,
    );
    return rows.length > 0;
  }

  /** Keys, newest first, after the cursor; `limit + 1` rows to tell whether more follow. */
  async list(limit: number, startingAfter?: string): Promise<ApiKeyRecord[]> {
    const { rows } = await sql<ApiKeyRow>(
      this.database.manager,
      `SELECT ${COLUMNS} FROM platform.api_keys
       WHERE ($1::uuid IS NULL OR id < $1::uuid) ORDER BY id DESC LIMIT $2`,
      [startingAfter ?? null, limit + 1],
    );
    return rows.map(toRecord);
  }

  /** Revokes a key (again is a no-op that keeps the first time); null when there is no such key. */
  async revoke(id: string): Promise<ApiKeyRecord | null> {
    const { rows } = await sql<ApiKeyRow>(
      this.database.manager,
      `UPDATE platform.api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING ${COLUMNS}`,
      [id],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }
}
