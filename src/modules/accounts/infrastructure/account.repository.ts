import { Injectable } from '@nestjs/common';
import { preparedSql, sql, toSafeInteger, UnitOfWork } from '../../../platform/database';
import { isId, newId, normalizeId } from '../../../platform/ids';
import type { AccountFilter, AccountKind, AccountSnapshot, AccountStatus } from '../domain/account';
import { AccountEntity } from './account.entity';

export interface LockedAccount extends AccountSnapshot {
  readonly kind: AccountKind;
  readonly ownerId: string | null;
}

interface LockedRow {
  id: string;
  currency: string;
  status: AccountStatus;
  kind: AccountKind;
  balance: string;
  allow_overdraft: boolean;
  owner_id: string | null;
}

interface AccountRow {
  id: string;
  name: string;
  currency: string;
  status: AccountStatus;
  kind: AccountKind;
  parent_id: string | null;
  owner_id: string | null;
  metadata: Record<string, string>;
  allow_overdraft: boolean;
  balance: string;
  pending: string;
  created_at: Date;
  updated_at: Date;
}

// What TypeORM's find selected for AccountEntity, `pending` (held money) included.
const FIND_CUSTOMER_SQL = `
  SELECT a.id, a.name, a.currency, a.status, a.kind, a.parent_id, a.owner_id, a.metadata, a.allow_overdraft,
         a.balance, a.created_at, a.updated_at,
         coalesce((SELECT h.balance FROM accounts.accounts h WHERE h.parent_id = a.id AND h.kind = 'hold'), 0) AS pending
  FROM accounts.accounts a WHERE a.id = $1 AND a.kind = 'customer'`;

function toEntity(row: AccountRow): AccountEntity {
  return Object.assign(new AccountEntity(), {
    id: row.id,
    name: row.name,
    currency: row.currency,
    status: row.status,
    kind: row.kind,
    parentId: row.parent_id,
    ownerId: row.owner_id,
    metadata: row.metadata,
    allowOverdraft: row.allow_overdraft,
    balance: toSafeInteger(row.balance),
    pending: toSafeInteger(row.pending),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}

/** Accounts as rows. Every query runs in the caller's unit of work when there is one. */
@Injectable()
export class AccountRepository {
  /** currency → id of its system account, once seen committed (it never changes). */
  private readonly systemAccounts = new Map<string, string>();
  /** customer account id → id of its hold account, once committed (it never changes). */
  private readonly holdAccounts = new Map<string, string>();

  constructor(private readonly unitOfWork: UnitOfWork) {}

  private get repository() {
    return this.unitOfWork.manager.getRepository(AccountEntity);
  }

  /** INSERT only (save() would first SELECT by id); the row's defaults (timestamps) come back into the entity. */
  async insert(account: Omit<AccountEntity, 'createdAt' | 'updatedAt'>): Promise<AccountEntity> {
    const entity = this.repository.create(account);
    await this.repository.insert(entity);
    return entity;
  }

  /**
   * A customer account (system accounts are not part of the public API). Given an owner (an
   * owner-bound key), another owner's account is not found.
   */
  async findCustomer(id: string, ownerId: string | null = null): Promise<AccountEntity | null> {
    if (!isId(id)) return null;
    // The read path's one query, prepared and mapped by hand: TypeORM's find cost more than the SELECT.
    const { rows } = await preparedSql<AccountRow>(
      this.unitOfWork.manager,
      'accounts_find_customer',
      FIND_CUSTOMER_SQL,
      [normalizeId(id)],
    );
    const account = rows[0] ? toEntity(rows[0]) : null;
    return account && (ownerId === null || account.ownerId === ownerId) ? account : null;
  }

  /**
   * Locks the given accounts for the rest of the transaction, always in id order, so that two
   * transactions touching the same accounts queue instead of deadlocking. Unknown ids are absent.
   */
  async lock(ids: readonly string[]): Promise<Map<string, LockedAccount>> {
    const wanted = [...new Set(ids.filter(isId).map(normalizeId))].sort();
    const { rows } = await sql<LockedRow>(
      this.unitOfWork.manager,
      `SELECT id, currency, status, kind, balance, allow_overdraft, owner_id FROM accounts.accounts
       WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
      [wanted],
    );
    return new Map(
      rows.map((row) => [
        row.id,
        {
          id: row.id,
          currency: row.currency,
          status: row.status,
          kind: row.kind,
          balance: toSafeInteger(row.balance),
          allowOverdraft: row.allow_overdraft,
          ownerId: row.owner_id,
        },
      ]),
    );
  }

  async updateStatus(id: string, status: AccountStatus): Promise<AccountEntity> {
    await this.repository.update({ id }, { status });
    return this.repository.findOneByOrFail({ id });
  }

  /** The system account money enters and leaves through, for deposits and withdrawals in `currency`. */
  async systemAccountFor(currency: string): Promise<string> {
    const known = this.systemAccounts.get(currency);
    if (known) return known;
    const manager = this.unitOfWork.manager;
    const { rows } = await sql<{ id: string }>(
      manager,
      `SELECT id FROM accounts.accounts WHERE kind = 'system' AND currency = $1`,
      [currency],
    );
    if (rows[0]) {
      this.systemAccounts.set(currency, rows[0].id);
      return rows[0].id;
    }
    await sql(
      manager,
      `INSERT INTO accounts.accounts (id, name, currency, status, kind, allow_overdraft)
       VALUES ($1, $2, $3, 'active', 'system', true)
       ON CONFLICT (currency) WHERE kind = 'system' DO NOTHING`,
      [newId(), `External funds (${currency})`, currency],
    );
    const created = await sql<{ id: string }>(
      manager,
      `SELECT id FROM accounts.accounts WHERE kind = 'system' AND currency = $1`,
      [currency],
    );
    return created.rows[0].id;
  }

  /**
   * The hold account of a customer account (its held balance), made the first time the account
   * holds money, and locked. The caller has locked the customer account already: every change to
   * a held balance happens under its parent's lock, so held balances never deadlock.
   */
  async lockHoldAccount(parent: { id: string; currency: string }): Promise<LockedAccount> {
    const manager = this.unitOfWork.requireTransaction('Locking a hold account');
    let id = this.holdAccounts.get(parent.id);
    if (!id) {
      const { rows } = await sql<{ id: string }>(
        manager,
        `INSERT INTO accounts.accounts (id, name, currency, status, kind, parent_id)
         VALUES ($1, $2, $3, 'active', 'hold', $4)
         ON CONFLICT (parent_id) WHERE kind = 'hold' DO UPDATE SET updated_at = accounts.accounts.updated_at
         RETURNING id`,
        [newId(), `Held funds (${parent.id})`, parent.currency, parent.id],
      );
      const found = rows[0].id;
      this.unitOfWork.afterCommit(() => this.holdAccounts.set(parent.id, found));
      id = found;
    }
    return (await this.lock([id])).get(id)!;
  }

  /** What a customer account has on hold: its hold account's balance (0 when it never held anything). */
  async held(accountId: string): Promise<number> {
    const { rows } = await sql<{ balance: string }>(
      this.unitOfWork.manager,
      `SELECT balance FROM accounts.accounts WHERE parent_id = $1 AND kind = 'hold'`,
      [accountId],
    );
    return rows[0] ? toSafeInteger(rows[0].balance) : 0;
  }

  /** Customer accounts, newest first, after the cursor. Fetches `limit + 1` rows to tell whether more follow. */
  async list(filter: AccountFilter, limit: number, startingAfter?: string): Promise<AccountEntity[]> {
    const query = this.repository
      .createQueryBuilder('account')
      .where(`account.kind = 'customer'`)
      .orderBy('account.id', 'DESC')
      .limit(limit + 1);
    if (startingAfter) query.andWhere('account.id < :startingAfter', { startingAfter });
    if (filter.ownerId) query.andWhere('account.ownerId = :ownerId', { ownerId: filter.ownerId });
    if (filter.callerOwnerId)
      query.andWhere('account.ownerId = :callerOwnerId', { callerOwnerId: filter.callerOwnerId });
    if (filter.currency) query.andWhere('account.currency = :currency', { currency: filter.currency });
    if (filter.status) query.andWhere('account.status = :status', { status: filter.status });
    return query.getMany();
  }
}
