import { Command } from '@nestjs/cqrs';
import type { IntegrationEvent } from '../../../../../platform/messaging';

/** Risk assessed a payment, or a person reviewed it. */
export class ApplyRiskDecisionCommand extends Command<void> {
  constructor(readonly event: IntegrationEvent<'risk.assessed' | 'risk.reviewed'>) {
    super();
  }
}
