import { Injectable } from '@nestjs/common';
import { sql, UnitOfWork } from '../../../platform/database';
import { isId } from '../../../platform/ids';

/** Notifications' own copy of which owner holds which account, fed by account.opened. */
@Injectable()
export class AccountOwnersRepository {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  async record(accountId: string, ownerId: string): Promise<void> {
    await sql(
      this.unitOfWork.manager,
      `INSERT INTO notifications.account_owners (account_id, owner_id) VALUES ($1, $2) ON CONFLICT (account_id) DO NOTHING`,
      [accountId, ownerId],
    );
  }

  /** Whether a key bound to `ownerId` may see what concerns `accountId` (a platform key, null, sees all). */
  async mayAccess(ownerId: string | null, accountId: string | null): Promise<boolean> {
    if (ownerId === null) return true;
    if (accountId === null || !isId(accountId)) return false;
    const { rows } = await sql(
      this.unitOfWork.manager,
      `SELECT 1 FROM notifications.account_owners WHERE account_id = $1 AND owner_id = $2`,
      [accountId, ownerId],
    );
    return rows.length > 0;
  }
}
