import { CommandBus, QueryBus } from '@nestjs/cqrs';
import fc from 'fast-check';
import { CaptureHoldCommand } from '../../../src/modules/accounts/application/commands/capture-hold/capture-hold.command';
import { ExecuteTransferCommand } from '../../../src/modules/accounts/application/commands/execute-transfer/execute-transfer.command';
import { MoveExternalFundsCommand } from '../../../src/modules/accounts/application/commands/move-external-funds/move-external-funds.command';
import { OpenAccountCommand } from '../../../src/modules/accounts/application/commands/open-account/open-account.command';
import { PlaceHoldCommand } from '../../../src/modules/accounts/application/commands/place-hold/place-hold.command';
import { ReleaseHoldCommand } from '../../../src/modules/accounts/application/commands/release-hold/release-hold.command';
import { CheckLedgerIntegrityQuery } from '../../../src/modules/accounts/application/queries/check-ledger-integrity/check-ledger-integrity.query';
import { GetAccountQuery } from '../../../src/modules/accounts/application/queries/get-account/get-account.query';
import { newId } from '../../../src/platform/ids';
import { eventually } from '../../support/eventually';
import { integrationEvent } from '../../support/integration-event';
import { startFullApp } from '../../support/full-app';
import type { TestApp } from '../../support/test-app';

type Operation =
  | { kind: 'deposit'; account: number; amount: number }
  | { kind: 'withdrawal'; account: number; amount: number }
  | { kind: 'transfer'; from: number; to: number; amount: number }
  | { kind: 'hold'; from: number; to: number; amount: number }
  /** Settles the `hold`-th hold of the sequence (modulo how many there are) once it has been asked for. */
  | { kind: 'capture'; hold: number; amount: number }
  | { kind: 'void'; hold: number };

const ACCOUNTS = 4;
const FUNDING = 500;
const accountIndex = fc.integer({ min: 0, max: ACCOUNTS - 1 });
const amount = fc.integer({ min: 1, max: 500 });
const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({ kind: fc.constant('deposit' as const), account: accountIndex, amount }),
  fc.record({ kind: fc.constant('withdrawal' as const), account: accountIndex, amount }),
  fc
    .record({ kind: fc.constant('transfer' as const), from: accountIndex, to: accountIndex, amount })
    .filter((t) => t.from !== t.to),
  fc
    .record({ kind: fc.constant('hold' as const), from: accountIndex, to: accountIndex, amount })
    .filter((t) => t.from !== t.to),
  fc.record({ kind: fc.constant('capture' as const), hold: fc.nat(100), amount }),
  fc.record({ kind: fc.constant('void' as const), hold: fc.nat(100) }),
);

interface PlannedHold {
  readonly id: string;
  readonly from: number;
  readonly to: number;
  readonly amount: number;
  placed?: Promise<unknown>;
}

/**
 * Random sequences of deposits, withdrawals, transfers, holds, captures and voids between random
 * accounts (one of them with overdraft), all run at once against the real ledger; a capture or a
 * void of a hold is sent once the hold has been asked for, and may race another one. Whatever the
 * interleaving: no balance without overdraft goes negative, each currency sums to zero, each
 * stored balance equals the sum of its postings, every hold is settled at most once and as one of
 * its requests asked, held balances are the sum of open holds, and each final balance is exactly
 * what the operations that succeeded add up to.
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

  /**
   * Runs one operation; returns each account's change if it succeeded, or null if it was refused.
   * Holds and their settlements return null: what they did is read back from the holds after.
   */
  async function run(op: Operation, ids: string[], holds: PlannedHold[]): Promise<Map<number, number> | null> {
    try {
      switch (op.kind) {
        case 'deposit':
          await commands.execute(new MoveExternalFundsCommand('deposit', ids[op.account], op.amount, null, {}, null));
          return new Map([[op.account, op.amount]]);
        case 'withdrawal':
          await commands.execute(
            new MoveExternalFundsCommand('withdrawal', ids[op.account], op.amount, null, {}, null),
          );
          return new Map([[op.account, -op.amount]]);
        case 'transfer': {
          const transferId = newId();
          await commands.execute(
            new ExecuteTransferCommand(
              integrationEvent('transfer.requested', transferId, {
                transferId,
                kind: 'payment',
                sourceAccountId: ids[op.from],
                destinationAccountId: ids[op.to],
                amount: op.amount,
                currency: 'USD',
                reference: transferId,
                expiresAt: null,
              }),
            ),
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
        case 'hold': {
          const hold = holds.find((h) => h.placed === undefined && h.from === op.from && h.to === op.to)!;
          hold.placed = commands.execute(
            new PlaceHoldCommand(
              integrationEvent('transfer.hold_requested', hold.id, {
                transferId: hold.id,
                kind: 'payment',
                sourceAccountId: ids[op.from],
                destinationAccountId: ids[op.to],
                amount: op.amount,
                currency: 'USD',
                reference: hold.id,
                expiresAt: null,
              }),
            ),
          );
          await hold.placed;
          return null;
        }
        case 'capture':
        case 'void': {
          const hold = holds[op.hold % holds.length];
          if (!hold) return null;
          await eventually(() => expect(hold.placed).toBeDefined(), { intervalMs: 1 });
          await hold.placed;
          await commands.execute(
            op.kind === 'capture'
              ? new CaptureHoldCommand(
                  integrationEvent('transfer.capture_requested', hold.id, {
                    transferId: hold.id,
                    kind: 'payment',
                    amount: Math.min(op.amount, hold.amount),
                  }),
                )
              : new ReleaseHoldCommand(
                  integrationEvent('transfer.release_requested', hold.id, {
                    transferId: hold.id,
                    kind: 'payment',
                    reason: 'CANCELED',
                  }),
                ),
          );
          return null;
        }
      }
    } catch (error) {
      if ((error as { code?: string }).code === 'ACCOUNTS.INSUFFICIENT_FUNDS') return null;
      throw error;
    }
  }

  /** How each hold ended up: absent when it was refused. */
  async function settlements(
    holdIds: string[],
  ): Promise<Map<string, { status: string; captured: number; released: number }>> {
    const rows: Array<{ transfer_id: string; status: string; amount_captured: string; amount_released: string }> =
      await app.dataSource.query(
        `SELECT transfer_id, status, amount_captured, amount_released FROM accounts.holds WHERE transfer_id = ANY($1)`,
        [holdIds],
      );
    return new Map(
      rows.map((r) => [
        r.transfer_id,
        { status: r.status, captured: Number(r.amount_captured), released: Number(r.amount_released) },
      ]),
    );
  }

  it('holds for random concurrent workloads', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 5, maxLength: 40 }), async (operations) => {
        const ids: string[] = [];
        for (let i = 0; i < ACCOUNTS; i++) {
          ids.push((await commands.execute(new OpenAccountCommand(`prop-${i}`, 'USD', null, {}, i === 0))).id);
          // Something to spend and hold from the start, so that holds are placed, not only refused.
          await commands.execute(new MoveExternalFundsCommand('deposit', ids[i], FUNDING, null, {}, null));
        }
        const holds: PlannedHold[] = operations.flatMap((op) =>
          op.kind === 'hold' ? [{ id: newId(), from: op.from, to: op.to, amount: op.amount }] : [],
        );
        const results = await Promise.all(operations.map((op) => run(op, ids, holds)));

        const expected = new Array<number>(ACCOUNTS).fill(FUNDING);
        const pending = new Array<number>(ACCOUNTS).fill(0);
        for (const changes of results) for (const [account, delta] of changes ?? []) expected[account] += delta;
        const settledAs = await settlements(holds.map((h) => h.id));
        holds.forEach((hold, index) => {
          const settled = settledAs.get(hold.id);
          const asked = operations.filter(
            (op): op is Extract<Operation, { hold: number }> =>
              (op.kind === 'capture' || op.kind === 'void') && op.hold % holds.length === index,
          );
          if (!settled) return; // refused: nothing held
          if (settled.status === 'open') {
            expect(asked).toEqual([]);
            expected[hold.from] -= hold.amount;
            pending[hold.from] += hold.amount;
          } else if (settled.status === 'captured') {
            const captures = asked.flatMap((op) => (op.kind === 'capture' ? [Math.min(op.amount, hold.amount)] : []));
            expect(captures).toContain(settled.captured);
            expect(settled.captured + settled.released).toBe(hold.amount);
            expected[hold.from] -= settled.captured;
            expected[hold.to] += settled.captured;
          } else {
            expect(asked.map((op) => op.kind)).toContain('void');
          }
        });
        for (let i = 0; i < ACCOUNTS; i++) {
          const account = await queries.execute(new GetAccountQuery(ids[i], null));
          expect({ account: i, available: account.balance, pending: account.pending }).toEqual({
            account: i,
            available: expected[i],
            pending: pending[i],
          });
          if (!account.allowOverdraft) expect(account.balance).toBeGreaterThanOrEqual(0);
        }
        const report = await queries.execute(new CheckLedgerIntegrityQuery());
        expect(report.balanceMismatches).toEqual([]);
        expect(report.unbalancedJournals).toEqual([]);
        expect(report.negativeBalances).toEqual([]);
        for (const { total } of report.currencyTotals) expect(total).toBe(0);
        expect(report.strayHolds).toEqual([]);
        expect(report.heldBalanceMismatches).toEqual([]);
        expect(report.holdsReleasedTwice).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });
});
