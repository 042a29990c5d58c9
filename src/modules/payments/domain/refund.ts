import type { PaymentFailureCode } from '../contracts/payment-events';

export type RefundStatus = 'pending' | 'succeeded' | 'failed';

/** A refund as this module's commands and queries return it (the table's entity implements it). */
export interface Refund {
  readonly id: string;
  readonly paymentId: string;
  readonly amount: number;
  readonly currency: string;
  readonly status: RefundStatus;
  readonly reason: string | null;
  readonly failureCode: PaymentFailureCode | null;
  readonly failureMessage: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly completedAt: Date | null;
}
