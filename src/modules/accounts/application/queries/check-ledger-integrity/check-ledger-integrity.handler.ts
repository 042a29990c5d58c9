import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '../../../../../platform/database';
import { HoldRepository } from '../../../infrastructure/hold.repository';
import { LedgerRepository } from '../../../infrastructure/ledger.repository';
import { CheckLedgerIntegrityQuery, type LedgerIntegrityReport } from './check-ledger-integrity.query';

@QueryHandler(CheckLedgerIntegrityQuery)
export class CheckLedgerIntegrityHandler implements IQueryHandler<CheckLedgerIntegrityQuery> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly ledger: LedgerRepository,
    private readonly holds: HoldRepository,
  ) {}

  /** One consistent snapshot (REPEATABLE READ) for both, so movements meanwhile cannot show up as false mismatches. */
  execute(): Promise<LedgerIntegrityReport> {
    return this.unitOfWork.run(
      async () => ({ ...(await this.ledger.checkIntegrity()), ...(await this.holds.checkIntegrity()) }),
      'REPEATABLE READ',
    );
  }
}
