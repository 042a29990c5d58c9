import { Injectable } from '@nestjs/common';
import { type IntegrationEvent, OnIntegrationEvent } from '../../../../platform/messaging';
import { AccountOwnersRepository } from '../../infrastructure/account-owners.repository';

/** Keeps notifications' copy of account owners, so owner-bound keys see their accounts' feed and endpoints. */
@Injectable()
export class TrackAccountOwnersWhenAccountOpened {
  constructor(private readonly owners: AccountOwnersRepository) {}

  @OnIntegrationEvent('account.opened', { consumer: 'notifications.track-account-owners' })
  async handle(event: IntegrationEvent<'account.opened'>): Promise<void> {
    if (event.data.ownerId !== null) await this.owners.record(event.data.accountId, event.data.ownerId);
  }
}
