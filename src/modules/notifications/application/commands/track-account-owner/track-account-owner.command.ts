import { Command } from '@nestjs/cqrs';
import type { IntegrationEvent } from '../../../../../platform/messaging';

/** Remember who owns an account the accounts module opened. */
export class TrackAccountOwnerCommand extends Command<void> {
  constructor(readonly event: IntegrationEvent<'account.opened'>) {
    super();
  }
}
