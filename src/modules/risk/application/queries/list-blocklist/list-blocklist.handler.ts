import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { toPage, type Page } from '../../../../../platform/http';
import { BlocklistRepository } from '../../../infrastructure/blocklist.repository';
import type { BlocklistEntry } from '../../../domain/blocklist';
import { ListBlocklistQuery } from './list-blocklist.query';

@QueryHandler(ListBlocklistQuery)
export class ListBlocklistHandler implements IQueryHandler<ListBlocklistQuery> {
  constructor(private readonly blocklist: BlocklistRepository) {}

  async execute({ limit, startingAfter }: ListBlocklistQuery): Promise<Page<BlocklistEntry>> {
    return toPage(await this.blocklist.list(limit, startingAfter), limit);
  }
}
