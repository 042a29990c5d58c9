import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { AccountNotFoundError } from '../../../domain/accounts.errors';
import type { Account } from '../../../domain/account';
import { AccountRepository } from '../../../infrastructure/account.repository';
import { GetAccountQuery } from './get-account.query';

@QueryHandler(GetAccountQuery)
export class GetAccountHandler implements IQueryHandler<GetAccountQuery> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute({ accountId, ownerId }: GetAccountQuery): Promise<Account> {
    const account = await this.accounts.findCustomer(accountId, ownerId);
    if (!account) throw new AccountNotFoundError(accountId);
    return account;
  }
}
