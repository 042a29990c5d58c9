import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { bigintTransformer } from '../../../platform/database';
import type { PaymentFailureCode } from '../contracts/payment-events';
import type { CaptureMethod, Payment } from '../domain/payment';
import type { PaymentStatus } from '../domain/payment-status';

@Entity({ schema: 'payments', name: 'payments' })
export class PaymentEntity implements Payment {
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

  @Column('text', { name: 'capture_method' })
  captureMethod: CaptureMethod;

  /** What may still be captured: the amount held while requires_capture, else 0. */
  @Column('bigint', { name: 'amount_capturable', transformer: bigintTransformer })
  amountCapturable: number;

  /** What moved to the payee: the amount (automatic), or what was captured (manual). */
  @Column('bigint', { name: 'amount_captured', transformer: bigintTransformer })
  amountCaptured: number;

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

  /** When accounts placed the hold (manual capture). */
  @Column('timestamptz', { name: 'authorized_at', nullable: true })
  authorizedAt: Date | null;

  @Column('timestamptz', { name: 'capture_before', nullable: true })
  captureBefore: Date | null;

  @Column('timestamptz', { name: 'transfer_cancel_requested_at', nullable: true })
  transferCancelRequestedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column('timestamptz', { name: 'completed_at', nullable: true })
  completedAt: Date | null;
}
