import { QueryBus } from '@nestjs/cqrs';
import {
  CheckLedgerIntegrityQuery,
  type LedgerIntegrityReport,
} from '../../../src/modules/accounts/application/queries/check-ledger-integrity/check-ledger-integrity.query';
import { UnitOfWork } from '../../../src/platform/database/unit-of-work';
import { newId } from '../../../src/platform/ids';
import { publisherOf } from '../../support/messaging/publisher-of';
import type { EventDraft, EventType } from '../../../src/platform/messaging/integration-event';
import { ApiClient } from '../../support/api-client';
import { eventually } from '../../support/eventually';
import { startFullApp } from '../../support/full-app';
import type { TestApp } from '../../support/test-app';

type Answer = { type: string; data: Record<string, unknown> };

/**
 * The accounts side of the hold contract, driven by events as payments sends them: requests that
 * arrive twice, late or out of turn never hold, capture or release twice.
 */
describe('Holds requested by event', () => {
  let app: TestApp;
  let api: ApiClient;
  let send: <T extends EventType>(type: T, draft: EventDraft<T>) => Promise<void>;

  beforeAll(async () => {
    app = await startFullApp();
    api = new ApiClient(app.url);
    // Requests are payments' events: only its publisher may send them.
    const publisher = publisherOf(app.app, 'payments');
    const unitOfWork = app.get(UnitOfWork);
    send = async (type, draft) => {
      await unitOfWork.run(() => publisher.publish(type, draft));
    };
  });
  afterAll(() => app.close());

  const hold = async (transferId: string, sourceAccountId: string, destinationAccountId: string, amount: number) =>
    send('transfer.hold_requested', {
      version: 1,
      subject: transferId,
      data: {
        transferId,
        kind: 'payment',
        sourceAccountId,
        destinationAccountId,
        amount,
        currency: 'USD',
        reference: transferId,
        expiresAt: null,
      },
    });
  const capture = (transferId: string, amount: number) =>
    send('transfer.capture_requested', {
      version: 1,
      subject: transferId,
      data: { transferId, kind: 'payment', amount },
    });
  const release = (transferId: string) =>
    send('transfer.release_requested', {
      version: 1,
      subject: transferId,
      data: { transferId, kind: 'payment', reason: 'CANCELED' },
    });
  const answers = (transferId: string, count: number) =>
    eventually(async () => {
      const rows = await app.dataSource.query<Answer[]>(
        `SELECT type, data FROM platform.outbox_events WHERE subject = $1 AND source = 'accounts' ORDER BY seq`,
        [transferId],
      );
      expect(rows).toHaveLength(count);
      return rows;
    });
  const balances = async (accountId: string) =>
    (await api.http().get(`/v1/accounts/${accountId}`).expect(200)).body.balance as {
      available: number;
      pending: number;
    };
  const journals = async (transferId: string) =>
    (
      await app.dataSource.query<Array<{ type: string }>>(
        `SELECT type FROM accounts.journals WHERE reference = $1 ORDER BY created_at, type`,
        [transferId],
      )
    ).map((j) => j.type);

  /** A hold of 400 placed on a new account holding 1,000, for a new destination. */
  const placed = async () => {
    const source = await api.fundedAccount(1_000);
    const destination = await api.openAccount();
    const id = newId();
    await hold(id, source.id, destination.id, 400);
    await answers(id, 1);
    return { source, destination, id };
  };

  it('holds once for a request sent twice, and answers transfer.held both times', async () => {
    const source = await api.fundedAccount(1_000);
    const destination = await api.openAccount();
    const id = newId();
    await hold(id, source.id, destination.id, 400);
    await hold(id, source.id, destination.id, 400);
    const [first, second] = await answers(id, 2);
    expect(first).toEqual({
      type: 'transfer.held',
      data: expect.objectContaining({ transferId: id, amount: 400, journalId: expect.any(String) }),
    });
    expect(second).toEqual(first);
    expect(await balances(source.id)).toEqual({ available: 600, pending: 400 });
    expect(await journals(id)).toEqual(['hold']);
  });

  it('captures once for a capture sent twice, and a late release gets the capture as its answer', async () => {
    const { source, destination, id } = await placed();
    await capture(id, 300);
    await capture(id, 300);
    await release(id);
    const [, captured, again, late] = await answers(id, 4);
    expect(captured).toEqual({
      type: 'transfer.captured',
      data: expect.objectContaining({ transferId: id, amount: 300, amountReleased: 100 }),
    });
    expect(again).toEqual(captured);
    expect(late).toEqual(captured);
    expect(await balances(source.id)).toEqual({ available: 700, pending: 0 });
    expect(await balances(destination.id)).toEqual({ available: 300, pending: 0 });
    expect(await journals(id)).toEqual(['hold', 'capture', 'hold_release']);
  });

  it('releases once, and a late capture moves nothing: its answer is the release', async () => {
    const { source, destination, id } = await placed();
    await release(id);
    await release(id);
    await capture(id, 400);
    const [, released, again, late] = await answers(id, 4);
    expect(released).toEqual({
      type: 'transfer.released',
      data: expect.objectContaining({ transferId: id, amount: 400, reason: 'CANCELED' }),
    });
    expect(again).toEqual(released);
    expect(late).toEqual(released);
    expect(await balances(source.id)).toEqual({ available: 1_000, pending: 0 });
    expect(await balances(destination.id)).toEqual({ available: 0, pending: 0 });
    expect(await journals(id)).toEqual(['hold', 'hold_release']);
  });

  it('releases the whole hold when the capture can no longer go through', async () => {
    const { source, destination, id } = await placed();
    await api.http().post(`/v1/accounts/${destination.id}/freeze`).expect(200);
    await capture(id, 400);
    const [, answer] = await answers(id, 2);
    expect(answer).toEqual({
      type: 'transfer.released',
      data: expect.objectContaining({ transferId: id, amount: 400, reason: 'ACCOUNT_FROZEN' }),
    });
    expect(await balances(source.id)).toEqual({ available: 1_000, pending: 0 });
  });

  it('refuses a hold it cannot place as it refuses a transfer, and settles nothing for it', async () => {
    const source = await api.fundedAccount(100);
    const destination = await api.openAccount();
    const id = newId();
    await hold(id, source.id, destination.id, 400);
    await answers(id, 1);
    await capture(id, 400);
    const [refused, again] = await answers(id, 2);
    expect(refused).toEqual({
      type: 'transfer.failed',
      data: expect.objectContaining({ transferId: id, reason: 'INSUFFICIENT_FUNDS' }),
    });
    expect(again).toEqual(refused);
    expect(await balances(source.id)).toEqual({ available: 100, pending: 0 });
    expect(await journals(id)).toEqual([]);
  });

  it('never places a hold canceled before it ran', async () => {
    const source = await api.fundedAccount(1_000);
    const destination = await api.openAccount();
    const id = newId();
    await send('transfer.cancellation_requested', {
      version: 1,
      subject: id,
      data: { transferId: id, kind: 'payment', reason: 'EXPIRED' },
    });
    await answers(id, 1);
    await hold(id, source.id, destination.id, 400);
    const [, late] = await answers(id, 2);
    expect(late).toEqual({ type: 'transfer.failed', data: expect.objectContaining({ reason: 'EXPIRED' }) });
    expect(await balances(source.id)).toEqual({ available: 1_000, pending: 0 });
  });

  it('sends a capture of more than the hold to the dead letters, moving nothing', async () => {
    const { source, id } = await placed();
    await capture(id, 401);
    await eventually(async () => {
      const dead = await api.http().get('/v1/admin/messaging/dead-letters').query({ subject: id }).expect(200);
      expect(dead.body.data).toEqual([expect.objectContaining({ consumer: 'accounts.settle-hold' })]);
    });
    expect(await balances(source.id)).toEqual({ available: 600, pending: 400 });
  });

  it('reports holds that do not add up in the integrity check', async () => {
    const { source, destination, id } = await placed();
    const clean = await app.get(QueryBus).execute(new CheckLedgerIntegrityQuery());
    expect([clean.strayHolds, clean.heldBalanceMismatches, clean.holdsReleasedTwice]).toEqual([[], [], []]);

    // Forged in a transaction that never commits (triggers off): a second open hold for the same
    // payment (with no hold journal of its own), a held balance that is not the sum of its holds,
    // and a release journal for a hold still open.
    const forged = await app
      .get(UnitOfWork)
      .run(async (manager) => {
        await manager.query(`SET LOCAL session_replication_role = replica`);
        const [{ held_account_id: held, hold_journal_id: journal }] = await manager.query(
          `SELECT held_account_id, hold_journal_id FROM accounts.holds WHERE transfer_id = $1`,
          [id],
        );
        await manager.query(
          `INSERT INTO accounts.holds (transfer_id, kind, reference, account_id, held_account_id, destination_account_id,
             amount, currency, status, hold_journal_id)
           VALUES ($1, 'payment', $2, $3, $4, $5, 1, 'USD', 'open', $6)`,
          [newId(), id, source.id, held, destination.id, journal],
        );
        await manager.query(`UPDATE accounts.accounts SET balance = balance + 7 WHERE id = $1`, [held]);
        const release = newId();
        await manager.query(
          `INSERT INTO accounts.journals (id, type, currency, reference, metadata) VALUES ($1, 'hold_release', 'USD', $2, $3)`,
          [release, id, { holdId: id }],
        );
        const report = await app.get(QueryBus).execute(new CheckLedgerIntegrityQuery());
        throw Object.assign(new Error('roll back'), { report });
      })
      .catch((error: { report?: LedgerIntegrityReport }) => error.report!);
    expect(forged.strayHolds).toEqual(expect.arrayContaining([expect.objectContaining({ reference: id })]));
    expect(forged.heldBalanceMismatches).toEqual([
      expect.objectContaining({ accountId: source.id, heldBalance: 407, openHolds: 401 }),
    ]);
    expect(forged.holdsReleasedTwice).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ holdJournals: 0 }),
        expect.objectContaining({ holdId: id, status: 'open', holdJournals: 1, releaseJournals: 1 }),
      ]),
    );
    const after = await app.get(QueryBus).execute(new CheckLedgerIntegrityQuery());
    expect([after.strayHolds, after.heldBalanceMismatches, after.holdsReleasedTwice]).toEqual([[], [], []]);
  });
});
