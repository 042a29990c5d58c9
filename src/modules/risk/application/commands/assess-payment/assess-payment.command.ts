import { Command } from '@nestjs/cqrs';
import type { PaymentCreatedV1 } from '../../../../payments/contracts/payment-events';

export class AssessPaymentCommand extends Command<void> {
  constructor(readonly payment: PaymentCreatedV1) {
    super();
  }
}
