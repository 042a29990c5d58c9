import { Injectable } from '@nestjs/common';
import { sql, UnitOfWork } from '../../../platform/database';
import { isId } from '../../../platform/ids';

/** Payments' own copy of which owner holds which account, fed by account.opened. */
@Injectable()
export class AccountOwnersRepository {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  async record(accountId: string, ownerId: string): Promise<void> {
    await sql(
      this.unitOfWork.manager,
      `INSERT INTO payments.account_owners (account_id, owner_id) VALUES ($1, $2) ON CONFLICT (account_id) DO NOTHING`,
      [accountId, ownerId],
    );
  }

  /** The account's owner as last heard; undefined when payments has not heard of the account (yet). */
  async ownerOf(accountId: string): Promise<string | undefined> {
    if (!isId(accountId)) return undefined;
    const { rows } = await sql<{ owner_id: string }>(
      this.unitOfWork.manager,
      `SELECT owner_id FROM payments.account_owners WHERE account_id = $1`,
      [accountId],
    );
    return rows[0]?.owner_id;
  }
}
