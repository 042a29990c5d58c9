import { Command } from '@nestjs/cqrs';
import type { IntegrationEvent } from '../../../../../platform/messaging';

export class AssessPaymentCommand extends Command<void> {
  constructor(readonly event: IntegrationEvent<'payment.created'>) {
    super();
  }
}
