import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { RiskReadModelsRepository } from '../../../infrastructure/risk-read-models.repository';
import { TrackAccountCommand } from './track-account.command';

/** Keeps risk's own copy of each account's age and status, from the accounts module's events. */
@CommandHandler(TrackAccountCommand)
export class TrackAccountHandler implements ICommandHandler<TrackAccountCommand> {
  constructor(private readonly readModels: RiskReadModelsRepository) {}

  execute({ event }: TrackAccountCommand): Promise<void> {
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
