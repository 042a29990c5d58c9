import { Injectable } from '@nestjs/common';
import { sql, UnitOfWork } from '../../../platform/database';
import { newId } from '../../../platform/ids';
import type { BlocklistEntry } from '../domain/blocklist';

interface Row {
  id: string;
  account_id: string;
  reason: string | null;
  created_at: Date;
}

const toEntry = (row: Row): BlocklistEntry => ({
  id: row.id,
  accountId: row.account_id,
  reason: row.reason,
  createdAt: row.created_at,
});

@Injectable()
export class BlocklistRepository {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  /** Adds the account, or returns its existing entry (`created: false`). */
  async add(accountId: string, reason: string | null): Promise<{ entry: BlocklistEntry; created: boolean }> {
    const inserted = await sql<Row>(
      this.unitOfWork.manager,
      `INSERT INTO risk.blocklist (id, account_id, reason) VALUES ($1, $2, $3) ON CONFLICT (account_id) DO NOTHING RETURNING *`,
      [newId(), accountId, reason],
    );
    if (inserted.rows[0]) return { entry: toEntry(inserted.rows[0]), created: true };
    const { rows } = await sql<Row>(this.unitOfWork.manager, `SELECT * FROM risk.blocklist WHERE account_id = $1`, [
      accountId,
    ]);
    return { entry: toEntry(rows[0]), created: false };
  }

  async remove(accountId: string): Promise<boolean> {
    const { affected } = await sql(this.unitOfWork.manager, `DELETE FROM risk.blocklist WHERE account_id = $1`, [
      accountId,
    ]);
    return affected > 0;
  }

  async list(limit: number, startingAfter?: string): Promise<BlocklistEntry[]> {
    const { rows } = await sql<Row>(
      this.unitOfWork.manager,
      `SELECT * FROM risk.blocklist WHERE ($1::uuid IS NULL OR id < $1::uuid) ORDER BY id DESC LIMIT $2`,
      [startingAfter ?? null, limit + 1],
    );
    return rows.map(toEntry);
  }
}
