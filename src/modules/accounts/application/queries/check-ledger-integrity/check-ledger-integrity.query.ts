import { Query } from '@nestjs/cqrs';
import type { HoldIntegrityReport } from '../../../infrastructure/hold.repository';
import type { IntegrityReport } from '../../../infrastructure/ledger.repository';

/** The ledger's checks and the holds' checks, on one snapshot. */
export type LedgerIntegrityReport = IntegrityReport & HoldIntegrityReport;

export class CheckLedgerIntegrityQuery extends Query<LedgerIntegrityReport> {}
