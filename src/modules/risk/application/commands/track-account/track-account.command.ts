import { Command } from '@nestjs/cqrs';
import type { IntegrationEvent } from '../../../../../platform/messaging';

export type AccountEvent = 'account.opened' | 'account.frozen' | 'account.unfrozen' | 'account.closed';

/** Update risk's copy of an account from what the accounts module published. */
export class TrackAccountCommand extends Command<void> {
  constructor(readonly event: IntegrationEvent<AccountEvent>) {
    super();
  }
}
