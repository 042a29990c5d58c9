import { Command } from '@nestjs/cqrs';
import type { Account } from '../../../domain/account';

export class OpenAccountCommand extends Command<Account> {
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
