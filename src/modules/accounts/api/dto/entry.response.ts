import { ApiProperty } from '@nestjs/swagger';
import type { StatementEntry } from '../../infrastructure/ledger.repository';

export class EntryResponse {
  @ApiProperty({ description: 'Posting id (use as startingAfter)' })
  id: string;

  @ApiProperty()
  journalId: string;

  @ApiProperty({ example: -1050, description: 'Signed amount in minor units: negative left the account' })
  amount: number;

  @ApiProperty({ example: 4200 })
  balanceAfter: number;

  @ApiProperty({ enum: ['deposit', 'withdrawal', 'payment', 'refund'] })
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
