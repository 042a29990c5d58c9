import { Command } from '@nestjs/cqrs';

export class UnblockAccountCommand extends Command<void> {
  constructor(readonly accountId: string) {
    super();
  }
}
