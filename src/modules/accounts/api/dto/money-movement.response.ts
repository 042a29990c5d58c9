import { ApiProperty } from '@nestjs/swagger';
import type { ExternalMovementResult } from '../../application/commands/move-external-funds/move-external-funds.command';

export class MoneyMovementResponse {
  @ApiProperty({ description: 'The id of the deposit or withdrawal (its ledger journal)' })
  id: string;

  @ApiProperty()
  accountId: string;

  @ApiProperty({ example: 1050 })
  amount: number;

  @ApiProperty({ example: 'USD' })
  currency: string;

  @ApiProperty({ enum: ['succeeded'] })
  status: 'succeeded';

  @ApiProperty({ example: 2100, description: 'Account balance after this movement' })
  balanceAfter: number;

  @ApiProperty({ type: String, nullable: true })
  reference: string | null;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } })
  metadata: Record<string, string>;

  @ApiProperty()
  createdAt: string;

  static from(result: ExternalMovementResult): MoneyMovementResponse {
    return {
      id: result.id,
      accountId: result.accountId,
      amount: result.amount,
      currency: result.currency,
      status: 'succeeded',
      balanceAfter: result.balanceAfter,
      reference: result.reference,
      metadata: result.metadata,
      createdAt: result.createdAt.toISOString(),
    };
  }
}
