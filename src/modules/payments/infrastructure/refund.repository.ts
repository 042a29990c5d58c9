import { Injectable } from '@nestjs/common';
import { sql, toSafeInteger, UnitOfWork } from '../../../platform/database';
import { isId } from '../../../platform/ids';
import { RefundEntity } from './refund.entity';

@Injectable()
export class RefundRepository {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  private get repository() {
    return this.unitOfWork.manager.getRepository(RefundEntity);
  }

  /** INSERT only (save() would first SELECT by id); the row's defaults (timestamps) come back into the entity. */
  async insert(refund: Omit<RefundEntity, 'createdAt' | 'updatedAt'>): Promise<RefundEntity> {
    const entity = this.repository.create(refund);
    await this.repository.insert(entity);
    return entity;
  }

  async lock(id: string): Promise<RefundEntity | null> {
    if (!isId(id)) return null;
    return this.repository.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async update(refund: RefundEntity, changes: Partial<RefundEntity>): Promise<RefundEntity> {
    const updatedAt = new Date();
    await this.repository.update({ id: refund.id }, { ...changes, updatedAt });
    return Object.assign(refund, changes, { updatedAt });
  }

  /** What is refunded or being refunded: succeeded and pending refunds. The caller holds the payment's lock. */
  async reserved(paymentId: string): Promise<number> {
    const { rows } = await sql<{ total: string }>(
      this.unitOfWork.manager,
      `SELECT coalesce(sum(amount), 0) AS total FROM payments.refunds WHERE payment_id = $1 AND status IN ('pending', 'succeeded')`,
      [paymentId],
    );
    return toSafeInteger(rows[0].total);
  }

  list(paymentId: string, limit: number, startingAfter?: string): Promise<RefundEntity[]> {
    const query = this.repository
      .createQueryBuilder('refund')
      .where('refund.paymentId = :paymentId', { paymentId })
      .orderBy('refund.id', 'DESC')
      .limit(limit + 1);
    if (startingAfter) query.andWhere('refund.id < :startingAfter', { startingAfter });
    return query.getMany();
  }
}
