import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { BlocklistRepository } from '../../../infrastructure/blocklist.repository';
import type { BlocklistEntry } from '../../../domain/blocklist';
import { BlockAccountCommand } from './block-account.command';

@CommandHandler(BlockAccountCommand)
export class BlockAccountHandler implements ICommandHandler<BlockAccountCommand> {
  constructor(private readonly blocklist: BlocklistRepository) {}

  execute({ accountId, reason }: BlockAccountCommand): Promise<{ entry: BlocklistEntry; created: boolean }> {
    return this.blocklist.add(accountId, reason);
  }
}
