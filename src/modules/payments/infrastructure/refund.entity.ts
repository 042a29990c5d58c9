import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { bigintTransformer } from '../../../platform/database';
import type { PaymentFailureCode } from '../contracts/payment-events';
import type { Refund, RefundStatus } from '../domain/refund';

@Entity({ schema: 'payments', name: 'refunds' })
export class RefundEntity implements Refund {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'payment_id' })
  paymentId: string;

  @Column('bigint', { transformer: bigintTransformer })
  amount: number;

  @Column('char', { length: 3 })
  currency: string;

  @Column('text')
  status: RefundStatus;

  @Column('text', { nullable: true })
  reason: string | null;

  @Column('text', { name: 'failure_code', nullable: true })
  failureCode: PaymentFailureCode | null;

  @Column('text', { name: 'failure_message', nullable: true })
  failureMessage: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column('timestamptz', { name: 'completed_at', nullable: true })
  completedAt: Date | null;
}
