import { newId } from '../../../src/platform/ids';
import { api } from '../../support/api';
import { ApiClient, type PaymentBody } from '../../support/api-client';
import { eventually } from '../../support/eventually';
import { startFullApp } from '../../support/full-app';
import type { TestApp } from '../../support/test-app';

const OWNER_SCOPES = ['accounts:write', 'payments:write', 'notifications:read', 'webhooks:write'];

describe('Owner-bound API keys', () => {
  let app: TestApp;
  let alice: ApiClient;
  let bob: ApiClient;

  beforeAll(async () => {
    app = await startFullApp();
    const keyFor = async (ownerId: string) =>
      (await api(app.url).post('/v1/api-keys').send({ name: ownerId, scopes: OWNER_SCOPES, ownerId }).expect(201)).body
        .key as string;
    alice = new ApiClient(app.url, await keyFor(`alice-${newId()}`));
    bob = new ApiClient(app.url, await keyFor(`bob-${newId()}`));
  });
  afterAll(() => app.close());

  /** Waits until payments and notifications have heard that `accountId` was opened (account.opened). */
  const ownersKnow = (accountId: string) =>
    eventually(async () => {
      for (const schema of ['payments', 'notifications']) {
        const rows: unknown[] = await app
          .dataSourceOf(schema)
          .query(`SELECT 1 FROM ${schema}.account_owners WHERE account_id = $1`, [accountId]);
        if (rows.length === 0) throw new Error(`${schema} has not heard of ${accountId}`);
      }
    });

  const expectNotFound = (response: { status: number; body: { code?: string } }) => {
    expect(response.status).toBe(404);
    expect(response.body.code).toMatch(/NOT_FOUND$/);
  };

  it("opens accounts for the key's owner only, and hides other owners' accounts", async () => {
    const mine = await alice.openAccount();
    const theirs = await bob.openAccount();
    expect(mine.ownerId).toMatch(/^alice-/);
    expect((await alice.http().post('/v1/accounts').send({ name: 'x', currency: 'USD', ownerId: 'bob' })).status).toBe(
      403,
    );

    await alice.http().get(`/v1/accounts/${mine.id}`).expect(200);
    expectNotFound(await alice.http().get(`/v1/accounts/${theirs.id}`));
    expectNotFound(await alice.http().get(`/v1/accounts/${theirs.id}/entries`));
    expectNotFound(await alice.deposit(theirs.id, 100));
    expectNotFound(await alice.withdraw(theirs.id, 100));
    expectNotFound(await alice.http().post(`/v1/accounts/${theirs.id}/freeze`));
    const listed = (await alice.http().get('/v1/accounts').query({ limit: 100 }).expect(200)).body.data;
    expect(listed.map((a: { id: string }) => a.id)).toContain(mine.id);
    expect(listed.every((a: { ownerId: string }) => a.ownerId === mine.ownerId)).toBe(true);
    // Asking for another owner's accounts by filter finds none.
    const filtered = await alice.http().get('/v1/accounts').query({ ownerId: theirs.ownerId }).expect(200);
    expect(filtered.body.data).toEqual([]);
  });

  it("pays from its own account to anyone's, from an account opened a moment ago", async () => {
    const payer = await alice.fundedAccount(5_000);
    const payee = await bob.openAccount();
    const created = await alice.createPayment({
      sourceAccountId: payer.id,
      destinationAccountId: payee.id,
      amount: 1_200,
    });
    expect(created.status).toBe(202);
    expect(await alice.paymentReaching(created.body.id, ['succeeded'])).toMatchObject({ status: 'succeeded' });
    expect(await alice.balance(payer.id)).toBe(3_800);
    // The payee's owner sees it too, and may refund it (the money comes back from its account)…
    await ownersKnow(payee.id);
    await bob.http().get(`/v1/payments/${created.body.id}`).expect(200);
    const refund = await bob.refund(created.body.id, { amount: 200 });
    expect(refund.status).toBe(202);
    await bob.refundReaching(created.body.id, refund.body.id, ['succeeded']);
    // …the payer may not take it back itself.
    expectNotFound(await alice.refund(created.body.id, { amount: 100 }));
  });

  it("refuses to pay from another owner's account: 404, nothing written", async () => {
    const theirs = await bob.fundedAccount(5_000);
    const mine = await alice.openAccount();
    await ownersKnow(theirs.id);
    const before = await app.dataSource.query(`SELECT count(*)::int AS n FROM payments.payments`);
    const response = await alice.createPayment({
      sourceAccountId: theirs.id,
      destinationAccountId: mine.id,
      amount: 100,
    });
    expectNotFound(response);
    expect(response.body.code).toBe('PAYMENTS.ACCOUNT_NOT_FOUND');
    expect(await app.dataSource.query(`SELECT count(*)::int AS n FROM payments.payments`)).toEqual(before);
    expect(await bob.balance(theirs.id)).toBe(5_000);
  });

  it('fails, in accounts, a payment from an account of another owner that payments had not heard of yet', async () => {
    const theirs = await bob.fundedAccount(5_000);
    const mine = await alice.openAccount();
    // As if payments' copy of owners had not heard of the account yet: it cannot refuse at once, accounts
    // does. Its account.opened is let through first, or it could arrive after the delete and undo it.
    await ownersKnow(theirs.id);
    await app.dataSource.query(`DELETE FROM payments.account_owners WHERE account_id = $1`, [theirs.id]);
    const created = await alice.createPayment({
      sourceAccountId: theirs.id,
      destinationAccountId: mine.id,
      amount: 100,
    });
    expect(created.status).toBe(202);
    const failed = await alice.paymentReaching(created.body.id, ['failed']);
    expect(failed.failureCode).toBe('ACCOUNT_NOT_FOUND');
    expect(await bob.balance(theirs.id)).toBe(5_000);
  });

  it("hides another owner's payments, refunds and timelines", async () => {
    const source = await bob.fundedAccount(1_000);
    const destination = await bob.openAccount();
    const created = await bob.createPayment({
      sourceAccountId: source.id,
      destinationAccountId: destination.id,
      amount: 300,
    });
    const payment: PaymentBody = await bob.paymentReaching(created.body.id, ['succeeded']);
    await ownersKnow(destination.id);

    expectNotFound(await alice.http().get(`/v1/payments/${payment.id}`));
    expectNotFound(await alice.http().get(`/v1/payments/${payment.id}/events`));
    expectNotFound(await alice.http().get(`/v1/payments/${payment.id}/refunds`));
    expectNotFound(await alice.http().post(`/v1/payments/${payment.id}/cancel`));
    expectNotFound(await alice.refund(payment.id));
    const listed = (await alice.http().get('/v1/payments').query({ limit: 100 }).expect(200)).body.data;
    expect(listed.map((p: { id: string }) => p.id)).not.toContain(payment.id);
    const byAccount = await alice.http().get('/v1/payments').query({ accountId: source.id }).expect(200);
    expect(byAccount.body.data).toEqual([]);
    const bobs = (await bob.http().get('/v1/payments').query({ limit: 100 }).expect(200)).body.data;
    expect(bobs.map((p: { id: string }) => p.id)).toContain(payment.id);
  });

  it("keeps notifications and webhook endpoints to the owner's accounts", async () => {
    const mine = await alice.fundedAccount(100);
    const theirs = await bob.fundedAccount(100);
    await ownersKnow(mine.id);
    await ownersKnow(theirs.id);

    const feed = await eventually(async () => {
      const page = (await alice.http().get('/v1/notifications').query({ limit: 100 }).expect(200)).body.data;
      if (!page.some((n: { accountId: string }) => n.accountId === mine.id)) throw new Error('not yet');
      return page as Array<{ id: string; accountId: string | null }>;
    });
    expect(feed.every((n) => n.accountId !== theirs.id && n.accountId !== null)).toBe(true);
    const bobsFeed = await eventually(async () => {
      const page = (await api(app.url).get('/v1/notifications').query({ accountId: theirs.id }).expect(200)).body.data;
      if (page.length === 0) throw new Error('not yet');
      return page as Array<{ id: string }>;
    });
    expectNotFound(await alice.http().post(`/v1/notifications/${bobsFeed[0].id}/read`));

    const url = 'https://hooks.example.com/payments';
    const forAll = await alice
      .http()
      .post('/v1/webhook-endpoints')
      .send({ url, eventTypes: ['*'] });
    expect(forAll.status).toBe(400);
    expect(forAll.body.errors).toEqual([{ field: 'accountId', message: expect.any(String) }]);
    expectNotFound(
      await alice
        .http()
        .post('/v1/webhook-endpoints')
        .send({ url, eventTypes: ['*'], accountId: theirs.id }),
    );
    const endpoint = (
      await alice
        .http()
        .post('/v1/webhook-endpoints')
        .send({ url, eventTypes: ['*'], accountId: mine.id })
        .expect(201)
    ).body;
    await alice.http().get(`/v1/webhook-endpoints/${endpoint.id}`).expect(200);
    expectNotFound(await bob.http().get(`/v1/webhook-endpoints/${endpoint.id}`));
    expectNotFound(await bob.http().patch(`/v1/webhook-endpoints/${endpoint.id}`).send({ enabled: false }));
    expectNotFound(await bob.http().post(`/v1/webhook-endpoints/${endpoint.id}/rotate-secret`));
    expectNotFound(await bob.http().get(`/v1/webhook-endpoints/${endpoint.id}/messages`));
    expectNotFound(await bob.http().delete(`/v1/webhook-endpoints/${endpoint.id}`));
    const bobsEndpoints = (await bob.http().get('/v1/webhook-endpoints').expect(200)).body.data;
    expect(bobsEndpoints.map((e: { id: string }) => e.id)).not.toContain(endpoint.id);
    await alice.http().delete(`/v1/webhook-endpoints/${endpoint.id}`).expect(204);
  });
});
