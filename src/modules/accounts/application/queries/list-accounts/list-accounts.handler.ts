import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { toPage, type Page } from '../../../../../platform/http';
import type { Account } from '../../../domain/account';
import { AccountRepository } from '../../../infrastructure/account.repository';
import { ListAccountsQuery } from './list-accounts.query';

@QueryHandler(ListAccountsQuery)
export class ListAccountsHandler implements IQueryHandler<ListAccountsQuery> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute({ filter, limit, startingAfter }: ListAccountsQuery): Promise<Page<Account>> {
    return toPage(await this.accounts.list(filter, limit, startingAfter), limit);
  }
}
