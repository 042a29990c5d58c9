import { Injectable } from '@nestjs/common';
import { type IntegrationEvent, OnIntegrationEvent } from '../../../../platform/messaging';
import { RiskReadModelsRepository } from '../../infrastructure/risk-read-models.repository';

type AccountEvent = 'account.opened' | 'account.frozen' | 'account.unfrozen' | 'account.closed';

/** Keeps risk's own copy of each account's age and status, from the accounts module's events. */
@Injectable()
export class TrackAccountWhenAccountChanged {
  constructor(private readonly readModels: RiskReadModelsRepository) {}

  @OnIntegrationEvent(['account.opened', 'account.frozen', 'account.unfrozen', 'account.closed'], {
    consumer: 'risk.track-accounts',
  })
  async handle(event: IntegrationEvent<AccountEvent>): Promise<void> {
    switch (event.type) {
      case 'account.opened':
        return this.readModels.accountOpened(event.data.accountId, event.data.currency, new Date(event.data.openedAt));
      case 'account.frozen':
        return this.readModels.accountStatusChanged(event.data.accountId, 'frozen');
      case 'account.unfrozen':
        return this.readModels.accountStatusChanged(event.data.accountId, 'active');
      case 'account.closed':
        return this.readModels.accountStatusChanged(event.data.accountId, 'closed');
    }
  }
}
