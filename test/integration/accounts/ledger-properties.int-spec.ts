import { CommandBus, QueryBus } from '@nestjs/cqrs';
import fc from 'fast-check';
import { ExecuteTransferCommand } from '../../../src/modules/accounts/application/commands/execute-transfer/execute-transfer.command';
import { MoveExternalFundsCommand } from '../../../src/modules/accounts/application/commands/move-external-funds/move-external-funds.command';
import { OpenAccountCommand } from '../../../src/modules/accounts/application/commands/open-account/open-account.command';
import { CheckLedgerIntegrityQuery } from '../../../src/modules/accounts/application/queries/check-ledger-integrity/check-ledger-integrity.query';
import { GetAccountQuery } from '../../../src/modules/accounts/application/queries/get-account/get-account.query';
import { newId } from '../../../src/platform/ids';
import { startFullApp } from '../../support/full-app';
import type { TestApp } from '../../support/test-app';

type Operation =
  | { kind: 'deposit'; account: number; amount: number }
  | { kind: 'withdrawal'; account: number; amount: number }
  | { kind: 'transfer'; from: number; to: number; amount: number };

const ACCOUNTS = 4;
const accountIndex = fc.integer({ min: 0, max: ACCOUNTS - 1 });
const amount = fc.integer({ min: 1, max: 500 });
const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({ kind: fc.constant('deposit' as const), account: accountIndex, amount }),
  fc.record({ kind: fc.constant('withdrawal' as const), account: accountIndex, amount }),
  fc
    .record({ kind: fc.constant('transfer' as const), from: accountIndex, to: accountIndex, amount })
    .filter((t) => t.from !== t.to),
);

/**
 * Random sequences of deposits, withdrawals and transfers between random accounts (one of them
 * with overdraft), all run at once against the real ledger. Whatever the interleaving: no balance
 * without overdraft goes negative, each currency sums to zero, each stored balance equals the sum
 * of its postings, and each final balance is exactly what the operations that succeeded add up to.
 */
describe('Ledger properties', () => {
  let app: TestApp;
  let commands: CommandBus;
  let queries: QueryBus;

  beforeAll(async () => {
    // Transfers are driven directly here; the relay would otherwise also execute them from events.
    app = await startFullApp({ MESSAGING_RELAY_ENABLED: 'false', DATABASE_POOL_SIZE: '12' });
    commands = app.get(CommandBus);
    queries = app.get(QueryBus);
  });
  afterAll(() => app.close());

  /** Runs one operation; returns each account's change if it succeeded, or null if it was refused. */
  async function run(op: Operation, ids: string[]): Promise<Map<number, number> | null> {
    try {
      switch (op.kind) {
        case 'deposit':
          await commands.execute(new MoveExternalFundsCommand('deposit', ids[op.account], op.amount, null, {}, null));
          return new Map([[op.account, op.amount]]);
        case 'withdrawal':
          await commands.execute(new MoveExternalFundsCommand('withdrawal', ids[op.account], op.amount, null, {}, null));
          return new Map([[op.account, -op.amount]]);
        case 'transfer': {
          const transferId = newId();
          await commands.execute(
            new ExecuteTransferCommand(transferId, {
              transferId,
              kind: 'payment',
              sourceAccountId: ids[op.from],
              destinationAccountId: ids[op.to],
              amount: op.amount,
              currency: 'USD',
              reference: transferId,
              expiresAt: null,
            }),
          );
          const [outcome] = await app.dataSource.query(`SELECT status FROM accounts.transfers WHERE transfer_id = $1`, [
            transferId,
          ]);
          return outcome.status === 'succeeded'
            ? new Map([
                [op.from, -op.amount],
                [op.to, op.amount],
              ])
            : null;
        }
      }
    } catch (error) {
      if ((error as { code?: string }).code === 'ACCOUNTS.INSUFFICIENT_FUNDS') return null;
      throw error;
    }
  }

  it('holds for random concurrent workloads', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 5, maxLength: 40 }), async (operations) => {
        const ids: string[] = [];
        for (let i = 0; i < ACCOUNTS; i++) {
          ids.push((await commands.execute(new OpenAccountCommand(`prop-${i}`, 'USD', null, {}, i === 0))).id);
        }
        const results = await Promise.all(operations.map((op) => run(op, ids)));

        const expected = new Array<number>(ACCOUNTS).fill(0);
        for (const changes of results) for (const [account, delta] of changes ?? []) expected[account] += delta;
        for (let i = 0; i < ACCOUNTS; i++) {
          const account = await queries.execute(new GetAccountQuery(ids[i], null));
          expect(account.balance).toBe(expected[i]);
          if (!account.allowOverdraft) expect(account.balance).toBeGreaterThanOrEqual(0);
        }
        const report = await queries.execute(new CheckLedgerIntegrityQuery());
        expect(report.balanceMismatches).toEqual([]);
        expect(report.unbalancedJournals).toEqual([]);
        expect(report.negativeBalances).toEqual([]);
        for (const { total } of report.currencyTotals) expect(total).toBe(0);
      }),
      { numRuns: 25 },
    );
  });
});
