import { Injectable } from '@nestjs/common';
import { deferredSql, preparedSql, UnitOfWork } from '../../../platform/database';
import { isId, normalizeId } from '../../../platform/ids';
import type { PaymentFilter } from '../domain/payment';
import { PaymentEntity } from './payment.entity';

/** The payment INSERT for each shape of row (see PaymentRepository.insert). */
const INSERT_TEXTS = new Map<string, string>();

export type NewPayment = Omit<PaymentEntity, 'createdAt' | 'updatedAt'>;

@Injectable()
export class PaymentRepository {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  private get repository() {
    return this.unitOfWork.manager.getRepository(PaymentEntity);
  }

  /**
   * INSERT only (save() would first SELECT by id), sent with the transaction's next statement
   * (deferredSql): nothing in its answer is needed, as the timestamps are set here. Its text is
   * made once per shape (which columns are left to their default), a prepared statement, and the
   * values converted as TypeORM would: its query builder cost 0.35 ms of CPU per payment.
   */
  async insert(payment: NewPayment): Promise<PaymentEntity> {
    const now = new Date();
    const entity = this.repository.create({ ...payment, createdAt: now, updatedAt: now });
    const { driver } = this.unitOfWork.manager.connection;
    const columns = this.repository.metadata.columns;
    const values = columns.map((column) => column.getEntityValue(entity) as unknown);
    const shape = values.map((value) => (value === undefined ? '0' : '1')).join('');
    const parameters: unknown[] = [];
    for (const [index, column] of columns.entries()) {
      if (values[index] !== undefined) parameters.push(driver.preparePersistentValue(values[index], column));
    }
    await deferredSql(
      this.unitOfWork.requireTransaction('Creating a payment'),
      `payment_insert_${parseInt(shape, 2).toString(36)}`,
      this.insertText(shape),
      parameters,
    );
    return entity;
  }

  private insertText(shape: string): string {
    let text = INSERT_TEXTS.get(shape);
    if (text === undefined) {
      const columns = this.repository.metadata.columns;
      let parameter = 0;
      const values = columns.map((_, index) => (shape[index] === '1' ? `$${++parameter}` : 'DEFAULT'));
      text = `INSERT INTO payments.payments (${columns.map((c) => `"${c.databaseName}"`).join(', ')}) VALUES (${values.join(', ')})`;
      INSERT_TEXTS.set(shape, text);
    }
    return text;
  }

  async find(id: string): Promise<PaymentEntity | null> {
    return isId(id) ? this.repository.findOneBy({ id }) : null;
  }

  /**
   * Whether a key bound to `ownerId` may see the payment: one its owner's key created, or one from
   * or to an account of that owner (payments' copy of account owners). A platform key sees all.
   */
  async isVisibleTo(payment: PaymentEntity, ownerId: string | null): Promise<boolean> {
    if (ownerId === null || payment.ownerId === ownerId) return true;
    const rows: unknown[] = await this.unitOfWork.manager.query(
      `SELECT 1 FROM payments.account_owners WHERE owner_id = $1 AND account_id::text IN ($2, $3)`,
      [ownerId, payment.sourceAccountId, payment.destinationAccountId].map(String),
    );
    return rows.length > 0;
  }

  /** The payment, locked until the transaction ends: every change of status goes through here. */
  async lock(id: string): Promise<PaymentEntity | null> {
    if (!isId(id)) return null;
    return this.repository.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** The payments of `ids` that exist, all locked in one statement, in id order (so batches never deadlock), by id. */
  async lockAll(ids: readonly string[]): Promise<Map<string, PaymentEntity>> {
    const wanted = [...new Set(ids.filter(isId).map(normalizeId))];
    if (wanted.length === 0) return new Map();
    // Plain SQL, its rows made entities as TypeORM's find() would, without building the query
    // each time: one statement per batch of apply-risk and of settle.
    const { rows } = await preparedSql<Record<string, unknown>>(
      this.unitOfWork.manager,
      'payments_lock_all',
      `SELECT * FROM payments.payments WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
      [wanted],
    );
    const { driver } = this.unitOfWork.manager.connection;
    const payments = rows.map((row) => {
      const payment = this.repository.create();
      for (const column of this.repository.metadata.columns) {
        column.setEntityValue(payment, driver.prepareHydratedValue(row[column.databaseName], column));
      }
      return payment;
    });
    return new Map(payments.map((payment) => [payment.id, payment]));
  }

  /**
   * Saves the changed fields of payments already locked by this transaction, all in one statement,
   * and applies them to the entities (each row gets the current value of every field any of the
   * payments changed).
   */
  async updateAll(updates: ReadonlyArray<{ payment: PaymentEntity; changes: Partial<PaymentEntity> }>): Promise<void> {
    if (updates.length === 0) return;
    const updatedAt = new Date();
    const fields = new Set<string>(['updatedAt']);
    for (const { payment, changes } of updates) {
      const given = Object.entries(changes).filter(([, value]) => value !== undefined);
      for (const [field] of given) fields.add(field);
      Object.assign(payment, Object.fromEntries(given), { updatedAt });
    }
    const metadata = this.unitOfWork.manager.connection.getMetadata(PaymentEntity);
    const columns = [...fields].map((field) => metadata.findColumnWithPropertyName(field)!);
    const rows = updates.map(({ payment }) => {
      const row: Record<string, unknown> = { id: payment.id };
      for (const column of columns) row[column.databaseName] = column.getEntityValue(payment, true) as unknown;
      return row;
    });
    const names = columns.map((column) => `"${column.databaseName}"`).join(', ');
    // The rows are locked already and nothing reads its answer: it goes with the next statement or the COMMIT.
    await deferredSql(
      this.unitOfWork.requireTransaction('Updating payments'),
      undefined,
      // jsonb_populate_recordset reads each row as the table's own row type: every column its type.
      `UPDATE payments.payments p SET (${names}) = ROW(${columns.map((c) => `r."${c.databaseName}"`).join(', ')})
       FROM jsonb_populate_recordset(NULL::payments.payments, $1::jsonb) AS r WHERE p.id = r.id`,
      [JSON.stringify(rows)],
    );
  }

  /** Saves the changed fields of a payment already locked by this transaction, and returns it as stored. */
  async update(payment: PaymentEntity, changes: Partial<PaymentEntity>): Promise<PaymentEntity> {
    const updatedAt = new Date();
    await this.repository.update({ id: payment.id }, { ...changes, updatedAt });
    return Object.assign(payment, changes, { updatedAt });
  }

  /**
   * Up to `limit` payments past their deadline that no one else is handling (SKIP LOCKED), locked:
   * pending or reviewed past their time to live, held past their capture deadline.
   */
  expiring(now: Date, limit: number): Promise<PaymentEntity[]> {
    return this.repository
      .createQueryBuilder('payment')
      .where(`payment.status IN ('pending', 'requires_review', 'requires_capture')`)
      .andWhere('payment.expiresAt < :now', { now })
      .orderBy('payment.expiresAt', 'ASC')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
  }

  /**
   * Up to `limit` processing payments past their time to live whose transfer (or hold) accounts
   * has not answered, and has not yet been asked to cancel; locked, skipping any another
   * transaction holds. A payment capturing its hold has had its answer.
   */
  overdueTransfers(now: Date, limit: number): Promise<PaymentEntity[]> {
    return this.repository
      .createQueryBuilder('payment')
      .where(`payment.status = 'processing'`)
      .andWhere('payment.transferCancelRequestedAt IS NULL')
      .andWhere('payment.authorizedAt IS NULL')
      .andWhere('payment.expiresAt < :now', { now })
      .orderBy('payment.expiresAt', 'ASC')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
  }

  /** Payments newest first, after the cursor; `limit + 1` rows. */
  list(filter: PaymentFilter, limit: number, startingAfter?: string): Promise<PaymentEntity[]> {
    const query = this.repository
      .createQueryBuilder('payment')
      .orderBy('payment.id', 'DESC')
      .limit(limit + 1);
    if (startingAfter) query.andWhere('payment.id < :startingAfter', { startingAfter });
    if (filter.ownerId) {
      query.andWhere(
        `(payment.ownerId = :ownerId OR EXISTS (SELECT 1 FROM payments.account_owners o WHERE o.owner_id = :ownerId
          AND o.account_id::text IN (payment.source_account_id, payment.destination_account_id)))`,
        { ownerId: filter.ownerId },
      );
    }
    if (filter.accountId) {
      query.andWhere('(payment.sourceAccountId = :accountId OR payment.destinationAccountId = :accountId)', {
        accountId: filter.accountId,
      });
    }
    if (filter.status) query.andWhere('payment.status = :status', { status: filter.status });
    if (filter.createdFrom) query.andWhere('payment.createdAt >= :createdFrom', { createdFrom: filter.createdFrom });
    if (filter.createdTo) query.andWhere('payment.createdAt < :createdTo', { createdTo: filter.createdTo });
    return query.getMany();
  }
}
