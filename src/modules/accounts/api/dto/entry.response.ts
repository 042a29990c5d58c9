import { ApiProperty } from '@nestjs/swagger';
import { JOURNAL_TYPES, type StatementEntry } from '../../domain/journal';

export class EntryResponse {
  @ApiProperty({ description: 'Posting id (use as startingAfter)' })
  id: string;

  @ApiProperty()
  journalId: string;

  @ApiProperty({ example: -1050, description: 'Signed amount in minor units: negative left the account' })
  amount: number;

  @ApiProperty({ example: 4200, description: 'The available balance after this entry' })
  balanceAfter: number;

  @ApiProperty({
    enum: JOURNAL_TYPES,
    description:
      '`hold`: money put on hold (out of the available balance); `hold_release`: held money given back; `capture`: held money received',
  })
  type: string;

  @ApiProperty({ type: String, nullable: true, description: 'What the movement was for, e.g. the payment id' })
  reference: string | null;

  @ApiProperty()
  createdAt: string;

  static from(entry: StatementEntry): EntryResponse {
    return {
      id: entry.id,
      journalId: entry.journalId,
      amount: entry.amount,
      balanceAfter: entry.balanceAfter,
      type: entry.type,
      reference: entry.reference,
      createdAt: entry.createdAt.toISOString(),
    };
  }
}
