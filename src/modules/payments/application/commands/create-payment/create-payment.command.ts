import { Command } from '@nestjs/cqrs';
import type { CaptureMethod } from '../../../domain/payment';
import type { PaymentEntity } from '../../../infrastructure/payment.entity';

export class CreatePaymentCommand extends Command<PaymentEntity> {
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
