import { Query } from '@nestjs/cqrs';
import type { Page } from '../../../../../platform/http';
import type { Account, AccountFilter } from '../../../domain/account';

export class ListAccountsQuery extends Query<Page<Account>> {
  constructor(
    readonly filter: AccountFilter,
    readonly limit: number,
    readonly startingAfter?: string,
  ) {
    super();
  }
}
