import { ApiProperty } from '@nestjs/swagger';
import type { IntegrityReport } from '../../infrastructure/ledger.repository';

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

  static from(report: IntegrityReport): IntegrityResponse {
    const ok =
      report.balanceMismatches.length === 0 &&
      report.unbalancedJournals.length === 0 &&
      report.negativeBalances.length === 0 &&
      report.currencyTotals.every((c) => c.total === 0);
    return { ok, checkedAt: new Date().toISOString(), ...report };
  }
}
