import { Command } from '@nestjs/cqrs';
import type { AccountEntity } from '../../../infrastructure/account.entity';

export class OpenAccountCommand extends Command<AccountEntity> {
  constructor(
    readonly name: string,
    readonly currency: string,
    readonly ownerId: string | null,
    readonly metadata: Record<string, string>,
    readonly allowOverdraft: boolean,
  ) {
    super();
  }
}
