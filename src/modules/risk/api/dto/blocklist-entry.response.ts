import { ApiProperty } from '@nestjs/swagger';
import type { BlocklistEntry } from '../../domain/blocklist';

export class BlocklistEntryResponse {
  @ApiProperty() id: string;
  @ApiProperty() accountId: string;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty() createdAt: string;

  static from(entry: BlocklistEntry): BlocklistEntryResponse {
    return { id: entry.id, accountId: entry.accountId, reason: entry.reason, createdAt: entry.createdAt.toISOString() };
  }
}
