import { Command } from '@nestjs/cqrs';
import type { Payment } from '../../../domain/payment';

/** Captures a held (manual) payment: all of it, or `amount` with the rest released. */
export class CapturePaymentCommand extends Command<Payment> {
  constructor(
    readonly paymentId: string,
    /** Omitted: all that is capturable. */
    readonly amount: number | undefined,
    /** The caller's owner: only the payee's owner captures (it takes the money); any other is not found. */
    readonly ownerId: string | null,
  ) {
    super();
  }
}
