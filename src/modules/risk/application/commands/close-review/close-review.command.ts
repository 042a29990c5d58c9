import { Command } from '@nestjs/cqrs';
import type { IntegrationEvent } from '../../../../../platform/messaging';

/** Close the pending review of a payment that ended without one (canceled or expired). */
export class CloseReviewCommand extends Command<void> {
  constructor(readonly event: IntegrationEvent<'payment.canceled' | 'payment.expired'>) {
    super();
  }
}
