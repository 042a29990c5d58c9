import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { AccountNotFoundError } from '../../../domain/accounts.errors';
import type { AccountEntity } from '../../../infrastructure/account.entity';
import { AccountRepository } from '../../../infrastructure/account.repository';
import { GetAccountQuery } from './get-account.query';

@QueryHandler(GetAccountQuery)
export class GetAccountHandler implements IQueryHandler<GetAccountQuery> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute({ accountId, ownerId }: GetAccountQuery): Promise<AccountEntity> {
    const account = await this.accounts.findCustomer(accountId, ownerId);
    if (!account) throw new AccountNotFoundError(accountId);
    return account;
  }
}
