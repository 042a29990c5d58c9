import { Command } from '@nestjs/cqrs';
import type { CaptureMethod, Payment } from '../../../domain/payment';

export class CreatePaymentCommand extends Command<Payment> {
  constructor(
    readonly sourceAccountId: string,
    readonly destinationAccountId: string,
    readonly amount: number,
    readonly currency: string,
    readonly description: string | null,
    readonly metadata: Record<string, string>,
    /** The caller's owner (an owner-bound key): the source must be one of its accounts. */
    readonly ownerId: string | null,
    readonly captureMethod: CaptureMethod = 'automatic',
  ) {
    super();
  }
}
