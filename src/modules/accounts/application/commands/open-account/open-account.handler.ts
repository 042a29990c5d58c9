import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '../../../../../platform/database';
import { newId } from '../../../../../platform/ids';
import { EventPublisher } from '../../../../../platform/messaging';
import type { Account } from '../../../domain/account';
import { AccountRepository } from '../../../infrastructure/account.repository';
import { OpenAccountCommand } from './open-account.command';

@CommandHandler(OpenAccountCommand)
export class OpenAccountHandler implements ICommandHandler<OpenAccountCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly accounts: AccountRepository,
    private readonly events: EventPublisher,
  ) {}

  execute(command: OpenAccountCommand): Promise<Account> {
    return this.unitOfWork.run(async () => {
      const account = await this.accounts.insert({
        id: newId(),
        name: command.name,
        currency: command.currency,
        status: 'active',
        kind: 'customer',
        parentId: null,
        ownerId: command.ownerId,
        metadata: command.metadata,
        allowOverdraft: command.allowOverdraft,
        balance: 0,
      });
      await this.events.publish('account.opened', {
        version: 1,
        subject: account.id,
        data: {
          accountId: account.id,
          name: account.name,
          currency: account.currency,
          ownerId: account.ownerId,
          allowOverdraft: account.allowOverdraft,
          openedAt: account.createdAt.toISOString(),
        },
      });
      return account;
    });
  }
}
