import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { BlocklistRepository, type BlocklistEntry } from '../../../infrastructure/blocklist.repository';
import { BlockAccountCommand } from './block-account.command';

@CommandHandler(BlockAccountCommand)
export class BlockAccountHandler implements ICommandHandler<BlockAccountCommand> {
  constructor(private readonly blocklist: BlocklistRepository) {}

  execute({ accountId, reason }: BlockAccountCommand): Promise<{ entry: BlocklistEntry; created: boolean }> {
    return this.blocklist.add(accountId, reason);
  }
}
