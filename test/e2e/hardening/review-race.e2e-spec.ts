import { ApiClient } from '../../support/api-client';
import { startFullApp } from '../../support/full-app';
import type { TestApp } from '../../support/test-app';

describe('A review decision racing a cancel', () => {
  let app: TestApp;
  let api: ApiClient;

  beforeAll(async () => {
    app = await startFullApp();
    api = new ApiClient(app.url);
  });
  afterAll(() => app.close());

  /** A payment held for review: over the new-account limit (default rules). */
  async function heldPayment(): Promise<string> {
    const limit = (await api.http().get('/v1/risk/rules').expect(200)).body.newAccount.maxAmount.default as number;
    const payer = await api.fundedAccount(limit + 1);
    const payee = await api.openAccount();
    const created = await api.createPayment({
      sourceAccountId: payer.id,
      destinationAccountId: payee.id,
      amount: limit + 1,
    });
    await api.paymentReaching(created.body.id, ['requires_review']);
    return created.body.id as string;
  }

  it('tells the loser with a 409, and the payment ends as the winner said', async () => {
    const ids = await Promise.all(Array.from({ length: 8 }, () => heldPayment()));
    for (const id of ids) {
      const [approve, cancel] = await Promise.all([
        api.http().post(`/v1/risk/reviews/${id}/approve`).send({}),
        api.http().post(`/v1/payments/${id}/cancel`),
      ]);
      expect([approve.status, cancel.status].sort()).toEqual([200, 409]);
      const final = await api.paymentReaching(id);
      expect(final.status).toBe(approve.status === 200 ? 'succeeded' : 'canceled');
      const loser = approve.status === 409 ? approve : cancel;
      expect(loser.body.code).toMatch(/^(RISK\.REVIEW_NOT_PENDING|PAYMENTS\.NOT_CANCELABLE)$/);
    }
  });

  it('refuses a decision after the cancel has committed, before risk has heard of it', async () => {
    const id = await heldPayment();
    await api.http().post(`/v1/payments/${id}/cancel`).expect(200);
    const approve = await api.http().post(`/v1/risk/reviews/${id}/approve`).send({});
    expect(approve.status).toBe(409);
    expect(await api.paymentReaching(id)).toMatchObject({ status: 'canceled' });
  });
});
