import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../../../platform/database/unit-of-work';
import { isId } from '../../../platform/ids';
import type { PaymentStatus } from '../domain/payment-status';
import { PaymentEntity } from './payment.entity';

export interface PaymentFilter {
  /** Only the payments an owner-bound key may see (see `isVisibleTo`). */
  ownerId?: string | null;
  accountId?: string;
  status?: PaymentStatus;
  createdFrom?: Date;
  createdTo?: Date;
}

export type NewPayment = Omit<PaymentEntity, 'createdAt' | 'updatedAt'>;

@Injectable()
export class PaymentRepository {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  private get repository() {
    return this.unitOfWork.manager.getRepository(PaymentEntity);
  }

  /** INSERT only (save() would first SELECT by id); the row's defaults (timestamps) come back into the entity. */
  async insert(payment: NewPayment): Promise<PaymentEntity> {
    const entity = this.repository.create(payment);
    await this.repository.insert(entity);
    return entity;
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
