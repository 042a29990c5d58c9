import type { TransferRequestedV1 } from '../../../src/modules/payments/contracts/transfer-request-events';
import { UnitOfWork } from '../../../src/platform/database/unit-of-work';
import { newId } from '../../../src/platform/ids';
import { publisherOf } from '../../support/messaging/publisher-of';
import { ApiClient } from '../../support/api-client';
import { eventually } from '../../support/eventually';
import { startFullApp } from '../../support/full-app';
import type { TestApp } from '../../support/test-app';

/** The accounts side of the transfer contract, driven by `transfer.requested` events as payments sends them. */
describe('Transfers requested by event', () => {
  let app: TestApp;
  let api: ApiClient;
  let request: (
    data: Partial<TransferRequestedV1> & Pick<TransferRequestedV1, 'sourceAccountId' | 'destinationAccountId'>,
  ) => Promise<string>;

  beforeAll(async () => {
    app = await startFullApp();
    api = new ApiClient(app.url);
    // Requests are payments' events: only its publisher may send them.
    const publisher = publisherOf(app.app, 'payments');
    const unitOfWork = app.get(UnitOfWork);
    request = async (data) => {
      const transferId = data.transferId ?? newId();
      await unitOfWork.run(() =>
        publisher.publish('transfer.requested', {
          version: 1,
          subject: transferId,
          data: {
            transferId,
            kind: 'payment',
            amount: 100,
            currency: 'USD',
            reference: transferId,
            expiresAt: null,
            ...data,
          },
        }),
      );
      return transferId;
    };
  });
  afterAll(() => app.close());

  const answers = (transferId: string) =>
    app.dataSource.query<Array<{ type: string; data: Record<string, unknown> }>>(
      `SELECT type, data FROM platform.outbox_events WHERE subject = $1 AND type IN ('transfer.succeeded', 'transfer.failed') ORDER BY seq`,
      [transferId],
    );

  it('moves the money and answers transfer.succeeded with the balances after', async () => {
    const source = await api.fundedAccount(1000);
    const destination = await api.openAccount();
    const transferId = await request({ sourceAccountId: source.id, destinationAccountId: destination.id, amount: 400 });

    const [answer] = await eventually(async () => {
      const found = await answers(transferId);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(answer).toEqual({
      type: 'transfer.succeeded',
      data: expect.objectContaining({
        transferId,
        sourceBalanceAfter: 600,
        destinationBalanceAfter: 400,
        journalId: expect.any(String),
      }),
    });
    expect(await api.balance(source.id)).toBe(600);
    expect(await api.balance(destination.id)).toBe(400);
    const entries = await api.http().get(`/v1/accounts/${destination.id}/entries`).expect(200);
    expect(entries.body.data[0]).toMatchObject({ amount: 400, type: 'payment', reference: transferId });
  });

  it('moves money once for a transfer id requested twice, and gives the same answer twice', async () => {
    const source = await api.fundedAccount(1000);
    const destination = await api.openAccount();
    const transferId = newId();
    await request({ transferId, sourceAccountId: source.id, destinationAccountId: destination.id, amount: 250 });
    await request({ transferId, sourceAccountId: source.id, destinationAccountId: destination.id, amount: 250 });

    const found = await eventually(async () => {
      const rows = await answers(transferId);
      expect(rows).toHaveLength(2);
      return rows;
    });
    expect(found[0]).toEqual(found[1]);
    expect(await api.balance(source.id)).toBe(750);
    expect(await api.balance(destination.id)).toBe(250);
  });

  it('runs transfers that arrive together one after another: none overdraws, each sees the balance the earlier ones left', async () => {
    const source = await api.fundedAccount(1000);
    const destination = await api.openAccount();
    const publisher = publisherOf(app.app, 'payments');
    // Committed together, so the relay hands them to accounts in one batch (or a few).
    const transferIds = Array.from({ length: 10 }, () => newId());
    await app.get(UnitOfWork).run(async () => {
      for (const transferId of transferIds) {
        await publisher.publish('transfer.requested', {
          version: 1,
          subject: transferId,
          data: {
            transferId,
            kind: 'payment',
            sourceAccountId: source.id,
            destinationAccountId: destination.id,
            amount: 300,
            currency: 'USD',
            reference: transferId,
            expiresAt: null,
          },
        });
      }
    });

    const found = await eventually(async () => {
      const rows = await Promise.all(transferIds.map(answers));
      expect(rows.every((r) => r.length === 1)).toBe(true);
      return rows.map(([answer]) => answer);
    });
    const succeeded = found.filter((a) => a.type === 'transfer.succeeded');
    expect(succeeded).toHaveLength(3);
    expect(found.filter((a) => a.type === 'transfer.failed').map((a) => a.data.reason)).toEqual(
      Array(7).fill('INSUFFICIENT_FUNDS'),
    );
    expect(succeeded.map((a) => a.data.sourceBalanceAfter).sort()).toEqual([100, 400, 700]);
    expect(await api.balance(source.id)).toBe(100);
    expect(await api.balance(destination.id)).toBe(900);
    // Each posting carries the balance it left, in the order the ledger recorded them.
    const entries = await api.http().get(`/v1/accounts/${source.id}/entries`).expect(200);
    expect(entries.body.data.map((e: { balanceAfter: number }) => e.balanceAfter)).toEqual([100, 400, 700, 1000]);
  });

  it.each([
    [
      'ACCOUNT_NOT_FOUND',
      async () => ({ sourceAccountId: (await api.fundedAccount(500)).id, destinationAccountId: newId() }),
    ],
    [
      'ACCOUNT_NOT_FOUND',
      async () => ({ sourceAccountId: 'not-an-id', destinationAccountId: (await api.openAccount()).id }),
    ],
    [
      'CURRENCY_MISMATCH',
      async () => ({
        sourceAccountId: (await api.fundedAccount(500)).id,
        destinationAccountId: (await api.openAccount({ currency: 'EUR' })).id,
      }),
    ],
    [
      'ACCOUNT_FROZEN',
      async () => {
        const destination = await api.openAccount();
        await api.http().post(`/v1/accounts/${destination.id}/freeze`).expect(200);
        return { sourceAccountId: (await api.fundedAccount(500)).id, destinationAccountId: destination.id };
      },
    ],
    [
      'INSUFFICIENT_FUNDS',
      async () => ({
        sourceAccountId: (await api.fundedAccount(50)).id,
        destinationAccountId: (await api.openAccount()).id,
      }),
    ],
    [
      'EXPIRED',
      async () => ({
        sourceAccountId: (await api.fundedAccount(500)).id,
        destinationAccountId: (await api.openAccount()).id,
        expiresAt: new Date(Date.now() - 1000).toISOString(),
      }),
    ],
  ])('refuses with %s and moves nothing', async (reason, setUp) => {
    const accounts = await setUp();
    const transferId = await request(accounts);
    const [answer] = await eventually(async () => {
      const found = await answers(transferId);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(answer).toEqual({
      type: 'transfer.failed',
      data: expect.objectContaining({ transferId, reason, message: expect.any(String) }),
    });
    const journals = await app.dataSource.query(`SELECT id FROM accounts.journals WHERE reference = $1`, [transferId]);
    expect(journals).toEqual([]);
  });

  describe('cancellation', () => {
    const cancel = (transferId: string) =>
      app.get(UnitOfWork).run(() =>
        publisherOf(app.app, 'payments').publish('transfer.cancellation_requested', {
          version: 1,
          subject: transferId,
          data: { transferId, kind: 'payment', reason: 'EXPIRED' },
        }),
      );

    it('of a transfer not yet run: it fails EXPIRED, and a late request for it moves nothing', async () => {
      const source = await api.fundedAccount(1000);
      const destination = await api.openAccount();
      const transferId = newId();
      await cancel(transferId);
      await eventually(async () =>
        expect(await answers(transferId)).toEqual([expect.objectContaining({ type: 'transfer.failed' })]),
      );
      await request({ transferId, sourceAccountId: source.id, destinationAccountId: destination.id, amount: 100 });

      const found = await eventually(async () => {
        const rows = await answers(transferId);
        expect(rows).toHaveLength(2);
        return rows;
      });
      for (const answer of found)
        expect(answer).toEqual({ type: 'transfer.failed', data: expect.objectContaining({ reason: 'EXPIRED' }) });
      expect(await api.balance(source.id)).toBe(1000);
    });

    it('of a transfer already run: the answer is its success, and the money stays moved once', async () => {
      const source = await api.fundedAccount(1000);
      const destination = await api.openAccount();
      const transferId = await request({
        sourceAccountId: source.id,
        destinationAccountId: destination.id,
        amount: 100,
      });
      await eventually(async () => expect(await answers(transferId)).toHaveLength(1));
      await cancel(transferId);

      const [first, second] = await eventually(async () => {
        const rows = await answers(transferId);
        expect(rows).toHaveLength(2);
        return rows;
      });
      expect(second).toEqual(first);
      expect(first.type).toBe('transfer.succeeded');
      expect(await api.balance(destination.id)).toBe(100);
    });
  });
});
