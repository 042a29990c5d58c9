import { ApiProperty } from '@nestjs/swagger';
import type { Account } from '../../domain/account';

export class BalanceDto {
  @ApiProperty({ example: 1050, description: 'Money that can be spent, in minor units' })
  available: number;

  @ApiProperty({
    example: 0,
    description:
      'Money on hold (authorized, not yet captured), in minor units; available + pending is the ledger balance',
  })
  pending: number;
}

export class AccountResponse {
  @ApiProperty({ example: '019a4c1e-7d0b-7a51-8f9e-2b3c4d5e6f70' })
  id: string;

  @ApiProperty({ example: 'Main wallet' })
  name: string;

  @ApiProperty({ example: 'USD' })
  currency: string;

  @ApiProperty({ enum: ['active', 'frozen', 'closed'] })
  status: string;

  @ApiProperty({ type: BalanceDto })
  balance: BalanceDto;

  @ApiProperty({ type: String, nullable: true })
  ownerId: string | null;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } })
  metadata: Record<string, string>;

  @ApiProperty()
  allowOverdraft: boolean;

  @ApiProperty({ example: '2026-11-22T10:00:00.000Z' })
  createdAt: string;

  @ApiProperty({ example: '2026-11-22T10:00:00.000Z' })
  updatedAt: string;

  static from(account: Account): AccountResponse {
    return {
      id: account.id,
      name: account.name,
      currency: account.currency,
      status: account.status,
      balance: { available: account.balance, pending: account.pending ?? 0 },
      ownerId: account.ownerId,
      metadata: account.metadata,
      allowOverdraft: account.allowOverdraft,
      createdAt: account.createdAt.toISOString(),
      updatedAt: account.updatedAt.toISOString(),
    };
  }
}
