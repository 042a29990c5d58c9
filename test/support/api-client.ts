import type request from 'supertest';
import type { Schemas } from '../../client';
import { api } from './api';
import { newId } from '../../src/platform/ids';
import { eventually } from './eventually';
import { TEST_ADMIN_API_KEY } from './test-env';

export const FINAL_STATUSES = ['succeeded', 'failed', 'canceled', 'expired'] as const satisfies readonly string[];

// Response bodies as the OpenAPI document declares them (client/schema.d.ts, generated and checked
// in npm test): a test reads what the API promises, not a copy that can drift from it.
export type PaymentBody = Schemas['PaymentResponse'];
export type RefundBody = Schemas['RefundResponse'];
export type AccountBody = Schemas['AccountResponse'];
export type IntegrityBody = Schemas['IntegrityResponse'];

/** Thin helpers over the public HTTP API, for tests that need accounts and money to start from. */
export class ApiClient {
  /** `key`: the API key every request sends (the test admin key unless told otherwise). */
  constructor(
    readonly url: string,
    readonly key: string = TEST_ADMIN_API_KEY,
  ) {}

  http() {
    return api(this.url, this.key);
  }

  async openAccount(overrides: Record<string, unknown> = {}): Promise<AccountBody> {
    const response = await api(this.url, this.key)
      .post('/v1/accounts')
      .send({ name: 'Test account', currency: 'USD', ...overrides })
      .expect(201);
    return response.body as AccountBody;
  }

  async deposit(accountId: string, amount: number, key = newId()): Promise<request.Response> {
    return api(this.url, this.key)
      .post(`/v1/accounts/${accountId}/deposits`)
      .set('Idempotency-Key', key)
      .send({ amount });
  }

  async withdraw(accountId: string, amount: number, key = newId()): Promise<request.Response> {
    return api(this.url, this.key)
      .post(`/v1/accounts/${accountId}/withdrawals`)
      .set('Idempotency-Key', key)
      .send({ amount });
  }

  /** Opens an account holding `amount` (deposited). */
  async fundedAccount(amount: number, overrides: Record<string, unknown> = {}): Promise<AccountBody> {
    const account = await this.openAccount(overrides);
    if (amount > 0) {
      const deposit = await this.deposit(account.id, amount);
      if (deposit.status !== 201) throw new Error(`deposit failed: ${deposit.status} ${JSON.stringify(deposit.body)}`);
    }

    return account;
  }

  async balance(accountId: string): Promise<number> {
    const response = await api(this.url, this.key).get(`/v1/accounts/${accountId}`).expect(200);
    return (response.body as AccountBody).balance.available;
  }

  async integrity(): Promise<IntegrityBody> {
    return (await api(this.url, this.key).get('/v1/admin/ledger/integrity').expect(200)).body as IntegrityBody;
  }

  async createPayment(body: Record<string, unknown>, key = newId()): Promise<request.Response> {
    return api(this.url, this.key)
      .post('/v1/payments')
      .set('Idempotency-Key', key)
      .send({ currency: 'USD', ...body });
  }

  async payment(paymentId: string): Promise<PaymentBody> {
    return (await api(this.url, this.key).get(`/v1/payments/${paymentId}`).expect(200)).body as PaymentBody;
  }

  /** Polls the payment until its status is one of `statuses` (by default, any final one). */
  async paymentReaching(
    paymentId: string,
    statuses: readonly string[] = FINAL_STATUSES,
    timeoutMs = 15_000,
  ): Promise<PaymentBody> {
    return eventually(
      async () => {
        const payment = await this.payment(paymentId);
        if (!statuses.includes(payment.status))
          throw new Error(`payment ${paymentId} is ${payment.status}, waiting for ${statuses.join('|')}`);
        return payment;
      },
      { timeoutMs },
    );
  }

  async refund(paymentId: string, body: Record<string, unknown> = {}, key = newId()): Promise<request.Response> {
    return api(this.url, this.key).post(`/v1/payments/${paymentId}/refunds`).set('Idempotency-Key', key).send(body);
  }

  async refundReaching(
    paymentId: string,
    refundId: string,
    statuses: readonly string[] = ['succeeded', 'failed'],
  ): Promise<RefundBody> {
    return eventually(async () => {
      const page = await api(this.url, this.key).get(`/v1/payments/${paymentId}/refunds`).expect(200);
      const refund = (page.body.data as RefundBody[]).find((r) => r.id === refundId);
      if (!refund || !statuses.includes(refund.status)) throw new Error(`refund ${refundId} is ${refund?.status}`);
      return refund;
    });
  }
}
