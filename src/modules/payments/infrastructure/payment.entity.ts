import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { bigintTransformer } from '../../../platform/database/bigint.transformer';
import type { PaymentFailureCode } from '../contracts/payment-events';
import type { PaymentStatus } from '../domain/payment-status';

@Entity({ schema: 'payments', name: 'payments' })
export class PaymentEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  status: PaymentStatus;

  @Column('bigint', { transformer: bigintTransformer })
  amount: number;

  @Column('char', { length: 3 })
  currency: string;

  @Column('text', { name: 'source_account_id' })
  sourceAccountId: string;

  @Column('text', { name: 'destination_account_id' })
  destinationAccountId: string;

  @Column('text', { nullable: true })
  description: string | null;

  /** The owner of the API key that created the payment (null for a platform key). */
  @Column('text', { name: 'owner_id', nullable: true })
  ownerId: string | null;

  @Column('jsonb')
  metadata: Record<string, string>;

  @Column('bigint', { name: 'amount_refunded', transformer: bigintTransformer })
  amountRefunded: number;

  @Column('text', { name: 'failure_code', nullable: true })
  failureCode: PaymentFailureCode | null;

  @Column('text', { name: 'failure_message', nullable: true })
  failureMessage: string | null;

  @Column('uuid', { name: 'risk_assessment_id', nullable: true })
  riskAssessmentId: string | null;

  @Column('text', { name: 'risk_decision', nullable: true })
  riskDecision: 'approve' | 'review' | 'reject' | null;

  @Column('integer', { name: 'risk_score', nullable: true })
  riskScore: number | null;

  @Column('jsonb', { name: 'risk_reasons', nullable: true })
  riskReasons: string[] | null;

  @Column('text', { name: 'review_decision', nullable: true })
  reviewDecision: 'approve' | 'reject' | null;

  @Column('text', { name: 'review_note', nullable: true })
  reviewNote: string | null;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;

  @Column('timestamptz', { name: 'transfer_cancel_requested_at', nullable: true })
  transferCancelRequestedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column('timestamptz', { name: 'completed_at', nullable: true })
  completedAt: Date | null;
}
