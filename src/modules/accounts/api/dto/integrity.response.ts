import { ApiProperty } from '@nestjs/swagger';
import type { LedgerIntegrityReport } from '../../application/queries/check-ledger-integrity/check-ledger-integrity.query';

class BalanceMismatchDto {
  @ApiProperty() accountId: string;
  @ApiProperty() storedBalance: number;
  @ApiProperty() postingsSum: number;
}

class UnbalancedJournalDto {
  @ApiProperty() journalId: string;
  @ApiProperty() postings: number;
  @ApiProperty() sum: number;
}

class NegativeBalanceDto {
  @ApiProperty() accountId: string;
  @ApiProperty() balance: number;
}

class CurrencyTotalDto {
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty({ example: 0, description: 'Sum of every balance in this currency, system accounts included: always 0' })
  total: number;
}

class StrayHoldDto {
  @ApiProperty() holdId: string;
  @ApiProperty({ description: 'What the hold is for (the payment id)' }) reference: string;
}

class HeldBalanceMismatchDto {
  @ApiProperty() accountId: string;
  @ApiProperty({ description: 'The held (pending) balance stored' }) heldBalance: number;
  @ApiProperty({ description: 'The sum of the open holds on the account' }) openHolds: number;
}

class HoldReleasedTwiceDto {
  @ApiProperty() holdId: string;
  @ApiProperty({ enum: ['open', 'captured', 'released'] }) status: string;
  @ApiProperty() holdJournals: number;
  @ApiProperty() captureJournals: number;
  @ApiProperty() releaseJournals: number;
}

export class IntegrityResponse {
  @ApiProperty({ description: 'True when every check passed' })
  ok: boolean;

  @ApiProperty()
  checkedAt: string;

  @ApiProperty()
  accountsChecked: number;

  @ApiProperty()
  journalsChecked: number;

  @ApiProperty({
    type: [BalanceMismatchDto],
    description: 'Accounts whose stored balance differs from the sum of their postings',
  })
  balanceMismatches: BalanceMismatchDto[];

  @ApiProperty({
    type: [UnbalancedJournalDto],
    description: 'Journals whose postings do not sum to zero, or have fewer than two',
  })
  unbalancedJournals: UnbalancedJournalDto[];

  @ApiProperty({ type: [NegativeBalanceDto], description: 'Accounts below zero without overdraft' })
  negativeBalances: NegativeBalanceDto[];

  @ApiProperty({ type: [CurrencyTotalDto] })
  currencyTotals: CurrencyTotalDto[];

  @ApiProperty()
  holdsChecked: number;

  @ApiProperty({
    type: [StrayHoldDto],
    description:
      "Open holds that do not belong to exactly one payment, or whose money is not on their account's held balance",
  })
  strayHolds: StrayHoldDto[];

  @ApiProperty({
    type: [HeldBalanceMismatchDto],
    description: 'Accounts whose held (pending) balance differs from the sum of their open holds',
  })
  heldBalanceMismatches: HeldBalanceMismatchDto[];

  @ApiProperty({
    type: [HoldReleasedTwiceDto],
    description: 'Holds not settled exactly once: released or captured twice, or settled while still open',
  })
  holdsReleasedTwice: HoldReleasedTwiceDto[];

  static from(report: LedgerIntegrityReport): IntegrityResponse {
    const ok =
      report.balanceMismatches.length === 0 &&
      report.unbalancedJournals.length === 0 &&
      report.negativeBalances.length === 0 &&
      report.currencyTotals.every((c) => c.total === 0) &&
      report.strayHolds.length === 0 &&
      report.heldBalanceMismatches.length === 0 &&
      report.holdsReleasedTwice.length === 0;
    return { ok, checkedAt: new Date().toISOString(), ...report };
  }
}
