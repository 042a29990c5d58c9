import { Query } from '@nestjs/cqrs';
import type { IntegrityReport } from '../../../infrastructure/ledger.repository';

export class CheckLedgerIntegrityQuery extends Query<IntegrityReport> {}
