import { Query } from '@nestjs/cqrs';
import type { Page } from '../../../../../platform/http';
import type { AccountEntity } from '../../../infrastructure/account.entity';
import type { AccountFilter } from '../../../infrastructure/account.repository';

export class ListAccountsQuery extends Query<Page<AccountEntity>> {
  constructor(
    readonly filter: AccountFilter,
    readonly limit: number,
    readonly startingAfter?: string,
  ) {
    super();
  }
}
