import { Command } from '@nestjs/cqrs';
import type { BlocklistEntry } from '../../../domain/blocklist';

export class BlockAccountCommand extends Command<{ entry: BlocklistEntry; created: boolean }> {
  constructor(
    readonly accountId: string,
    readonly reason: string | null,
  ) {
    super();
  }
}
