import { Query } from '@nestjs/cqrs';
import type { AccountEntity } from '../../../infrastructure/account.entity';

export class GetAccountQuery extends Query<AccountEntity> {
  constructor(
    readonly accountId: string,
    /** The caller's owner (an owner-bound key): another owner's account is not found. */
    readonly ownerId: string | null,
  ) {
    super();
  }
}
