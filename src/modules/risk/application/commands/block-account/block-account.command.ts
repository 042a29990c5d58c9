import { Command } from '@nestjs/cqrs';
import type { BlocklistEntry } from '../../../infrastructure/blocklist.repository';

export class BlockAccountCommand extends Command<{ entry: BlocklistEntry; created: boolean }> {
  constructor(
    readonly accountId: string,
    readonly reason: string | null,
  ) {
    super();
  }
}
