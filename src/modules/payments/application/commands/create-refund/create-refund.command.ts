import { Command } from '@nestjs/cqrs';
import type { RefundEntity } from '../../../infrastructure/refund.entity';

export class CreateRefundCommand extends Command<RefundEntity> {
  constructor(
    readonly paymentId: string,
    /** Omitted: all that is left to refund. */
    readonly amount: number | undefined,
    readonly reason: string | null,
  ) {
    super();
  }
}
