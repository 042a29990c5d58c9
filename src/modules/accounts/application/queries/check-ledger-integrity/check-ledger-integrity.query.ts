import { Query } from '@nestjs/cqrs';
import type { HoldIntegrityReport } from '../../../domain/hold';
import type { IntegrityReport } from '../../../domain/journal';

/** The ledger's checks and the holds' checks, on one snapshot. */
export type LedgerIntegrityReport = IntegrityReport & HoldIntegrityReport;

export class CheckLedgerIntegrityQuery extends Query<LedgerIntegrityReport> {}
