import { Query } from '@nestjs/cqrs';
import type { Page } from '../../../../../platform/http';
import type { StatementEntry } from '../../../domain/journal';

export class GetStatementQuery extends Query<Page<StatementEntry>> {
  constructor(
    readonly accountId: string,
    /** The caller's owner (an owner-bound key): another owner's account is not found. */
    readonly ownerId: string | null,
    readonly limit: number,
    readonly startingAfter?: string,
  ) {
    super();
  }
}
