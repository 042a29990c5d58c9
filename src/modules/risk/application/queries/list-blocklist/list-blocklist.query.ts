import { Query } from '@nestjs/cqrs';
import type { Page } from '../../../../../platform/http';
import type { BlocklistEntry } from '../../../domain/blocklist';

export class ListBlocklistQuery extends Query<Page<BlocklistEntry>> {
  constructor(
    readonly limit: number,
    readonly startingAfter?: string,
  ) {
    super();
  }
}
