import { Command } from '@nestjs/cqrs';
import type { StatusAction } from '../../../domain/account';
import type { AccountEntity } from '../../../infrastructure/account.entity';

/** Freeze, unfreeze or close an account. Asking for the status it already has changes nothing. */
export class ChangeAccountStatusCommand extends Command<AccountEntity> {
  constructor(
    readonly accountId: string,
    readonly action: StatusAction,
    /** The caller's owner (an owner-bound key): another owner's account is not found. */
    readonly ownerId: string | null,
  ) {
    super();
  }
}
