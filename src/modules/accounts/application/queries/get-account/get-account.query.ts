import { Query } from '@nestjs/cqrs';
import type { Account } from '../../../domain/account';

export class GetAccountQuery extends Query<Account> {
  constructor(
    readonly accountId: string,
    /** The caller's owner (an owner-bound key): another owner's account is not found. */
    readonly ownerId: string | null,
  ) {
    super();
  }
}
