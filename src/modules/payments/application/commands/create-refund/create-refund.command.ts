import { Command } from '@nestjs/cqrs';
import type { Refund } from '../../../domain/refund';

export class CreateRefundCommand extends Command<Refund> {
  constructor(
    readonly paymentId: string,
    /** Omitted: all that is left to refund. */
    readonly amount: number | undefined,
    readonly reason: string | null,
    /** The caller's owner: only the payee's owner refunds (the money comes back from its account). */
    readonly ownerId: string | null,
  ) {
    super();
  }
}
