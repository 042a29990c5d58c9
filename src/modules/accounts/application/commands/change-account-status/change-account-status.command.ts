import { Command } from '@nestjs/cqrs';
import type { StatusAction, Account } from '../../../domain/account';

/** Freeze, unfreeze or close an account. Asking for the status it already has changes nothing. */
export class ChangeAccountStatusCommand extends Command<Account> {
  constructor(
    readonly accountId: string,
    readonly action: StatusAction,
    /** The caller's owner (an owner-bound key): another owner's account is not found. */
    readonly ownerId: string | null,
  ) {
    super();
  }
}
