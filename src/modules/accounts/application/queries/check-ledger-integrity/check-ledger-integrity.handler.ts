import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { LedgerRepository, type IntegrityReport } from '../../../infrastructure/ledger.repository';
import { CheckLedgerIntegrityQuery } from './check-ledger-integrity.query';

@QueryHandler(CheckLedgerIntegrityQuery)
export class CheckLedgerIntegrityHandler implements IQueryHandler<CheckLedgerIntegrityQuery> {
  constructor(private readonly ledger: LedgerRepository) {}

  execute(): Promise<IntegrityReport> {
    return this.ledger.checkIntegrity();
  }
}
