import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { BlocklistEntryNotFoundError } from '../../../domain/risk.errors';
import { BlocklistRepository } from '../../../infrastructure/blocklist.repository';
import { UnblockAccountCommand } from './unblock-account.command';

@CommandHandler(UnblockAccountCommand)
export class UnblockAccountHandler implements ICommandHandler<UnblockAccountCommand> {
  constructor(private readonly blocklist: BlocklistRepository) {}

  async execute({ accountId }: UnblockAccountCommand): Promise<void> {
    if (!(await this.blocklist.remove(accountId))) throw new BlocklistEntryNotFoundError(accountId);
  }
}
