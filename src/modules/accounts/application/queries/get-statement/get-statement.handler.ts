import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { toPage, type Page } from '../../../../../platform/http';
import { AccountNotFoundError } from '../../../domain/accounts.errors';
import { AccountRepository } from '../../../infrastructure/account.repository';
import { LedgerRepository } from '../../../infrastructure/ledger.repository';
import type { StatementEntry } from '../../../domain/journal';
import { GetStatementQuery } from './get-statement.query';

@QueryHandler(GetStatementQuery)
export class GetStatementHandler implements IQueryHandler<GetStatementQuery> {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly ledger: LedgerRepository,
  ) {}

  async execute({ accountId, ownerId, limit, startingAfter }: GetStatementQuery): Promise<Page<StatementEntry>> {
    if (!(await this.accounts.findCustomer(accountId, ownerId))) throw new AccountNotFoundError(accountId);
    return toPage(await this.ledger.statement(accountId, limit, startingAfter), limit);
  }
}
