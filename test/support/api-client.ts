import request from 'supertest';
import { newId } from '../../src/platform/ids';

export interface AccountBody {
  id: string;
  name: string;
  currency: string;
  status: string;
  balance: { available: number; pending: number };
  ownerId: string | null;
  allowOverdraft: boolean;
}

/** Thin helpers over the public HTTP API, for tests that need accounts and money to start from. */
export class ApiClient {
  constructor(readonly url: string) {}

  http() {
    return request(this.url);
  }

  async openAccount(overrides: Record<string, unknown> = {}): Promise<AccountBody> {
    const response = await request(this.url)
      .post('/v1/accounts')
      .send({ name: 'Test account', currency: 'USD', ...overrides })
      .expect(201);
    return response.body as AccountBody;
  }

  async deposit(accountId: string, amount: number, key = newId()): Promise<request.Response> {
    return request(this.url).post(`/v1/accounts/${accountId}/deposits`).set('Idempotency-Key', key).send({ amount });
  }

  async withdraw(accountId: string, amount: number, key = newId()): Promise<request.Response> {
    return request(this.url).post(`/v1/accounts/${accountId}/withdrawals`).set('Idempotency-Key', key).send({ amount });
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
    const response = await request(this.url).get(`/v1/accounts/${accountId}`).expect(200);
    return (response.body as AccountBody).balance.available;
  }

  async integrity(): Promise<{ ok: boolean; [key: string]: unknown }> {
    return (await request(this.url).get('/v1/admin/ledger/integrity').expect(200)).body;
  }
}
