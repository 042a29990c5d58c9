import { RelayService } from '../../../src/platform/messaging/relay/relay.service';
import { ApiClient } from '../../support/api-client';
import { eventually } from '../../support/eventually';
import { startFullApp } from '../../support/full-app';
import type { TestApp } from '../../support/test-app';

// Long enough that a payment created with the relay running settles well within it on a busy machine.
const TTL_SECONDS = 3;

describe('Expiry', () => {
  let app: TestApp;
  let api: ApiClient;

  beforeAll(async () => {
    app = await startFullApp({ PAYMENTS_TTL_SECONDS: String(TTL_SECONDS), PAYMENTS_EXPIRY_INTERVAL_MS: '100' });
    api = new ApiClient(app.url);
  });
  afterAll(() => app.close());

  const journalsFor = async (paymentId: string) =>
    Number(
      (await app.dataSource.query(`SELECT count(*) FROM accounts.journals WHERE reference = $1`, [paymentId]))[0].count,
    );

  it('expires a payment left waiting for review, and closes its review', async () => {
    const payer = await api.fundedAccount(20_000_000);
    const payee = await api.openAccount();
    const created = await api.createPayment({
      sourceAccountId: payer.id,
      destinationAccountId: payee.id,
      amount: 15_000_000,
    });
    await api.paymentReaching(created.body.id, ['requires_review']);

    const expired = await api.paymentReaching(created.body.id, ['expired']);
    expect(expired).toMatchObject({ failureCode: 'EXPIRED', completedAt: expect.any(String) });
    expect(await api.balance(payer.id)).toBe(20_000_000);

    // Risk learns of the expiry by event and takes the payment off its review queue.
    const [assessment] = (
      await api.http().get('/v1/risk/assessments').query({ paymentId: created.body.id }).expect(200)
    ).body.data;
    await eventually(async () => {
      const current = await api.http().get(`/v1/risk/assessments/${assessment.id}`).expect(200);
      expect(current.body.review).toMatchObject({ status: 'closed', note: 'Payment expired' });
    });
    const approve = await api.http().post(`/v1/risk/reviews/${created.body.id}/approve`).send({}).expect(409);
    expect(approve.body.code).toBe('RISK.REVIEW_NOT_PENDING');
    expect(await journalsFor(created.body.id)).toBe(0);
  });

  it('moves money for no expired payment, and expires no payment whose money moved, when both race the deadline', async () => {
    const relay = app.get(RelayService);
    const payer = await api.fundedAccount(1_000_000);
    const payee = await api.openAccount();
    const pay = async () =>
      (await api.createPayment({ sourceAccountId: payer.id, destinationAccountId: payee.id, amount: 100 })).body
        .id as string;

    // With the relay stopped, payments wait; created over more than their time to live, the first are
    // past their deadline when it starts again, the last are not, and those in between race it.
    await relay.stop();
    const waiting: string[] = [];
    for (let i = 0; i < 8; i++) {
      waiting.push(await pay());
      await new Promise((resolve) => setTimeout(resolve, (TTL_SECONDS * 1000) / 6));
    }
    relay.start();
    const fresh = [await pay(), await pay(), await pay()];

    const ids = [...waiting, ...fresh];
    const finals = await Promise.all(
      ids.map((id) => api.paymentReaching(id, ['succeeded', 'expired', 'failed'], 20_000)),
    );
    for (const payment of finals) {
      const journals = await journalsFor(payment.id);
      if (payment.status === 'succeeded') expect(journals).toBe(1);
      else
        expect({ id: payment.id, status: payment.status, journals }).toEqual({
          id: payment.id,
          status: 'expired',
          journals: 0,
        });
      if (payment.status === 'expired') expect(payment.failureCode).toBe('EXPIRED');
    }
    expect(finals[0].status).toBe('expired');
    expect(finals.slice(-3).map((p) => p.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);

    const moved = finals.filter((p) => p.status === 'succeeded').length * 100;
    expect(await api.balance(payee.id)).toBe(moved);
    expect(await api.balance(payer.id)).toBe(1_000_000 - moved);
    expect((await api.integrity()).ok).toBe(true);
  });

  it('expires a payment whose transfer accounts never answers, by asking accounts to cancel it', async () => {
    const payer = await api.fundedAccount(1_000);
    const payee = await api.openAccount();
    // Fault injection: accounts cannot record any outcome for this payer but a cancellation, so
    // its transfer fails and retries, unanswered, as if the consumer were stuck.
    await app.dataSource.query(`
      CREATE FUNCTION accounts.test_stuck_payer() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.source_account_id = '${payer.id}' THEN RAISE EXCEPTION 'injected: accounts is stuck'; END IF;
        RETURN NEW;
      END $$`);
    await app.dataSource.query(
      `CREATE TRIGGER test_stuck_payer BEFORE INSERT ON accounts.transfers FOR EACH ROW EXECUTE FUNCTION accounts.test_stuck_payer()`,
    );
    try {
      const created = await api.createPayment({
        sourceAccountId: payer.id,
        destinationAccountId: payee.id,
        amount: 100,
      });
      await api.paymentReaching(created.body.id, ['processing']);
      const expired = await api.paymentReaching(created.body.id, ['expired', 'succeeded', 'failed']);
      expect(expired).toMatchObject({ status: 'expired', failureCode: 'EXPIRED' });
      expect(await journalsFor(created.body.id)).toBe(0);
      expect(await api.balance(payer.id)).toBe(1_000);
      const timeline = await api.http().get(`/v1/payments/${created.body.id}/events`).expect(200);
      expect(timeline.body.data.map((e: { type: string }) => e.type)).toEqual(
        expect.arrayContaining([
          'transfer.requested',
          'transfer.cancellation_requested',
          'transfer.failed',
          'payment.expired',
        ]),
      );
    } finally {
      await app.dataSource.query(`DROP TRIGGER test_stuck_payer ON accounts.transfers`);
      await app.dataSource.query(`DROP FUNCTION accounts.test_stuck_payer()`);
    }
  });

  it('expires a manual payment whose hold accounts never answers, holding nothing', async () => {
    const payer = await api.fundedAccount(1_000);
    const payee = await api.openAccount();
    // Fault injection, as above: accounts cannot record the hold's outcome, only a cancellation.
    await app.dataSource.query(`
      CREATE FUNCTION accounts.test_stuck_holder() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.source_account_id = '${payer.id}' THEN RAISE EXCEPTION 'injected: accounts is stuck'; END IF;
        RETURN NEW;
      END $$`);
    await app.dataSource.query(
      `CREATE TRIGGER test_stuck_holder BEFORE INSERT ON accounts.transfers FOR EACH ROW EXECUTE FUNCTION accounts.test_stuck_holder()`,
    );
    try {
      const created = await api.createPayment({
        sourceAccountId: payer.id,
        destinationAccountId: payee.id,
        amount: 100,
        captureMethod: 'manual',
      });
      await api.paymentReaching(created.body.id, ['processing']);
      const expired = await api.paymentReaching(created.body.id, ['expired', 'requires_capture', 'failed']);
      expect(expired).toMatchObject({ status: 'expired', failureCode: 'EXPIRED' });
      expect(await journalsFor(created.body.id)).toBe(0);
      const account = await api.http().get(`/v1/accounts/${payer.id}`).expect(200);
      expect(account.body.balance).toEqual({ available: 1_000, pending: 0 });
      const timeline = await api.http().get(`/v1/payments/${created.body.id}/events`).expect(200);
      expect(timeline.body.data.map((e: { type: string }) => e.type)).toEqual(
        expect.arrayContaining(['transfer.hold_requested', 'transfer.cancellation_requested', 'transfer.failed']),
      );
    } finally {
      await app.dataSource.query(`DROP TRIGGER test_stuck_holder ON accounts.transfers`);
      await app.dataSource.query(`DROP FUNCTION accounts.test_stuck_holder()`);
    }
  });
});
