import { newId } from '../../../src/platform/ids';
import { ApiClient } from '../../support/api-client';
import { startFullApp } from '../../support/full-app';
import type { TestApp } from '../../support/test-app';

describe('Accounts API', () => {
  let app: TestApp;
  let api: ApiClient;

  beforeAll(async () => {
    app = await startFullApp();
    api = new ApiClient(app.url);
  });
  afterAll(() => app.close());

  describe('opening accounts', () => {
    it('opens an account with a zero balance', async () => {
      const ownerId = newId();
      const response = await api
        .http()
        .post('/v1/accounts')
        .send({ name: 'Savings', currency: 'EUR', ownerId, metadata: { tier: 'gold' } })
        .expect(201);
      expect(response.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        name: 'Savings',
        currency: 'EUR',
        status: 'active',
        balance: { available: 0, pending: 0 },
        ownerId,
        metadata: { tier: 'gold' },
        allowOverdraft: false,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      const fetched = await api.http().get(`/v1/accounts/${response.body.id}`).expect(200);
      expect(fetched.body).toEqual(response.body);
    });

    it('publishes account.opened with the transaction that opened it', async () => {
      const account = await api.openAccount();
      const [event] = await app.dataSource.query(
        `SELECT type, source, subject, data FROM platform.outbox_events WHERE type = 'account.opened' AND subject = $1`,
        [account.id],
      );
      expect(event).toMatchObject({ source: 'accounts', data: { accountId: account.id, currency: 'USD' } });
    });

    it.each([
      [{ name: 'x', currency: 'usd' }, 'currency'],
      [{ name: 'x', currency: 'ABC' }, 'currency'],
      [{ name: '', currency: 'USD' }, 'name'],
      [{ currency: 'USD' }, 'name'],
      [{ name: 'x', currency: 'USD', color: 'red' }, 'color'],
      [{ name: 'x', currency: 'USD', metadata: { a: 1 } }, 'metadata'],
      [
        {
          name: 'x',
          currency: 'USD',
          metadata: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, 'v'])),
        },
        'metadata',
      ],
      [{ name: 'x', currency: 'USD', allowOverdraft: 'yes' }, 'allowOverdraft'],
    ])('refuses invalid input %j with a field error on %s', async (body, field) => {
      const response = await api.http().post('/v1/accounts').send(body).expect(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body.code).toBe('REQUEST.VALIDATION_FAILED');
      expect(response.body.errors).toContainEqual(expect.objectContaining({ field }));
    });

    it('answers 404 for an unknown or malformed id', async () => {
      expect((await api.http().get(`/v1/accounts/${newId()}`).expect(404)).body.code).toBe(
        'ACCOUNTS.ACCOUNT_NOT_FOUND',
      );
      await api.http().get('/v1/accounts/not-an-id').expect(404);
    });

    it('lists accounts newest first, filtered, page by page', async () => {
      const ownerId = newId();
      const opened = [];
      for (let i = 0; i < 5; i++) opened.push(await api.openAccount({ ownerId, currency: i === 4 ? 'EUR' : 'USD' }));
      await api.http().post(`/v1/accounts/${opened[0].id}/freeze`).expect(200);

      const first = await api.http().get('/v1/accounts').query({ ownerId, limit: 2 }).expect(200);
      expect(first.body.data.map((a: { id: string }) => a.id)).toEqual([opened[4].id, opened[3].id]);
      expect(first.body).toMatchObject({ hasMore: true, nextCursor: opened[3].id });
      const second = await api
        .http()
        .get('/v1/accounts')
        .query({ ownerId, limit: 2, startingAfter: first.body.nextCursor })
        .expect(200);
      expect(second.body.data.map((a: { id: string }) => a.id)).toEqual([opened[2].id, opened[1].id]);
      const last = await api
        .http()
        .get('/v1/accounts')
        .query({ ownerId, limit: 2, startingAfter: second.body.nextCursor })
        .expect(200);
      expect(last.body).toEqual({
        data: [expect.objectContaining({ id: opened[0].id })],
        hasMore: false,
        nextCursor: null,
      });

      const euros = await api.http().get('/v1/accounts').query({ ownerId, currency: 'EUR' }).expect(200);
      expect(euros.body.data.map((a: { id: string }) => a.id)).toEqual([opened[4].id]);
      const frozen = await api.http().get('/v1/accounts').query({ ownerId, status: 'frozen' }).expect(200);
      expect(frozen.body.data.map((a: { id: string }) => a.id)).toEqual([opened[0].id]);

      await api.http().get('/v1/accounts').query({ limit: 101 }).expect(400);
      await api.http().get('/v1/accounts').query({ status: 'sleeping' }).expect(400);
    });
  });

  describe('deposits and withdrawals', () => {
    it('moves the balance and writes the statement', async () => {
      const account = await api.openAccount();
      const deposit = await api.deposit(account.id, 5000);
      expect(deposit.status).toBe(201);
      expect(deposit.body).toMatchObject({
        accountId: account.id,
        amount: 5000,
        currency: 'USD',
        status: 'succeeded',
        balanceAfter: 5000,
      });
      expect(deposit.body.id).toEqual(expect.any(String));
      expect(deposit.body.createdAt).toEqual(expect.any(String));

      const withdrawal = await api.withdraw(account.id, 1200);
      expect(withdrawal.status).toBe(201);
      expect(withdrawal.body).toMatchObject({ amount: 1200, status: 'succeeded', balanceAfter: 3800 });
      expect(await api.balance(account.id)).toBe(3800);

      const entries = await api.http().get(`/v1/accounts/${account.id}/entries`).expect(200);
      expect(entries.body.data).toEqual([
        expect.objectContaining({
          amount: -1200,
          balanceAfter: 3800,
          type: 'withdrawal',
          journalId: withdrawal.body.id,
        }),
        expect.objectContaining({ amount: 5000, balanceAfter: 5000, type: 'deposit', journalId: deposit.body.id }),
      ]);
      const events = await app.dataSource.query(
        `SELECT type, data FROM platform.outbox_events WHERE subject = $1 AND type IN ('account.deposited', 'account.withdrawn') ORDER BY seq`,
        [account.id],
      );
      expect(events).toEqual([
        {
          type: 'account.deposited',
          data: expect.objectContaining({ amount: 5000, balanceAfter: 5000, depositId: deposit.body.id }),
        },
        { type: 'account.withdrawn', data: expect.objectContaining({ amount: 1200, balanceAfter: 3800 }) },
      ]);
    });

    it('replays a deposit sent twice with the same key, and credits it once', async () => {
      const account = await api.openAccount();
      const key = newId();
      const first = await api.deposit(account.id, 700, key);
      const second = await api.deposit(account.id, 700, key);
      expect(second.status).toBe(201);
      expect(second.headers['idempotent-replayed']).toBe('true');
      expect(second.body).toEqual(first.body);
      expect(await api.balance(account.id)).toBe(700);

      const reused = await api.deposit(account.id, 701, key);
      expect(reused.status).toBe(422);
      expect(reused.body.code).toBe('IDEMPOTENCY.KEY_REUSED');
    });

    it('requires an Idempotency-Key', async () => {
      const account = await api.openAccount();
      const response = await api.http().post(`/v1/accounts/${account.id}/deposits`).send({ amount: 1 }).expect(400);
      expect(response.body.code).toBe('IDEMPOTENCY.KEY_REQUIRED');
    });

    it.each([0, -5, 1.5, '100', Number.MAX_SAFE_INTEGER + 1, null])('refuses the amount %p', async (amount) => {
      const account = await api.openAccount();
      const response = await api
        .http()
        .post(`/v1/accounts/${account.id}/deposits`)
        .set('Idempotency-Key', newId())
        .send({ amount });
      expect(response.status).toBe(400);
      expect(response.body.errors).toContainEqual(expect.objectContaining({ field: 'amount' }));
    });

    it('refuses a withdrawal larger than the balance, and changes nothing', async () => {
      const account = await api.fundedAccount(1000);
      const response = await api.withdraw(account.id, 1001);
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({
        code: 'ACCOUNTS.INSUFFICIENT_FUNDS',
        detail: expect.stringContaining('1000'),
      });
      expect(await api.balance(account.id)).toBe(1000);
      const entries = await api.http().get(`/v1/accounts/${account.id}/entries`).expect(200);
      expect(entries.body.data).toHaveLength(1);
    });

    it('lets an overdraft account go below zero', async () => {
      const account = await api.openAccount({ allowOverdraft: true });
      expect((await api.withdraw(account.id, 300)).body).toMatchObject({ balanceAfter: -300 });
    });

    it('answers 404 for money moved on an unknown account', async () => {
      expect((await api.deposit(newId(), 10)).status).toBe(404);
    });
  });

  describe('limits of what JSON carries exactly', () => {
    it('refuses a deposit that would take the currency beyond ±(2^53 - 1), instead of failing', async () => {
      const whale = await api.openAccount({ currency: 'SEK' });
      expect((await api.deposit(whale.id, Number.MAX_SAFE_INTEGER)).status).toBe(201);
      // The money had to come from somewhere: the SEK system account is at the limit now.
      const other = await api.openAccount({ currency: 'SEK' });
      const refused = await api.deposit(other.id, 1);
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('ACCOUNTS.BALANCE_LIMIT_EXCEEDED');
      expect((await api.integrity()).ok).toBe(true);
    });

    it('bounds an overdraft too', async () => {
      const borrower = await api.openAccount({ currency: 'NOK', allowOverdraft: true });
      expect((await api.withdraw(borrower.id, Number.MAX_SAFE_INTEGER)).status).toBe(201);
      const refused = await api.withdraw(borrower.id, 1);
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('ACCOUNTS.BALANCE_LIMIT_EXCEEDED');
      expect(await api.balance(borrower.id)).toBe(-Number.MAX_SAFE_INTEGER);
    });
  });

  describe('ids', () => {
    it('are case-insensitive, as UUIDs are', async () => {
      const account = await api.fundedAccount(100);
      const upper = account.id.toUpperCase();
      expect((await api.http().get(`/v1/accounts/${upper}`).expect(200)).body.id).toBe(account.id);
      expect((await api.deposit(upper, 5)).body).toMatchObject({ accountId: account.id, balanceAfter: 105 });
      expect((await api.http().post(`/v1/accounts/${upper}/freeze`).expect(200)).body.status).toBe('frozen');
    });
  });

  describe('freezing and closing', () => {
    it('stops money moving in or out of a frozen account until it is unfrozen', async () => {
      const account = await api.fundedAccount(500);
      const frozen = await api.http().post(`/v1/accounts/${account.id}/freeze`).expect(200);
      expect(frozen.body.status).toBe('frozen');
      expect((await api.deposit(account.id, 1)).body.code).toBe('ACCOUNTS.ACCOUNT_FROZEN');
      expect((await api.withdraw(account.id, 1)).status).toBe(409);
      // Already frozen: a no-op (sent as many clients do, a JSON content type and no body).
      await api.http().post(`/v1/accounts/${account.id}/freeze`).set('Content-Type', 'application/json').expect(200);

      expect((await api.http().post(`/v1/accounts/${account.id}/unfreeze`).expect(200)).body.status).toBe('active');
      expect((await api.withdraw(account.id, 1)).status).toBe(201);
    });

    it('closes only an empty account, and a closed account stays closed', async () => {
      const account = await api.fundedAccount(250);
      const refused = await api.http().post(`/v1/accounts/${account.id}/close`).expect(409);
      expect(refused.body.code).toBe('ACCOUNTS.ACCOUNT_NOT_EMPTY');

      expect((await api.withdraw(account.id, 250)).status).toBe(201);
      expect((await api.http().post(`/v1/accounts/${account.id}/close`).expect(200)).body.status).toBe('closed');
      expect((await api.deposit(account.id, 1)).body.code).toBe('ACCOUNTS.ACCOUNT_CLOSED');
      expect((await api.http().post(`/v1/accounts/${account.id}/unfreeze`).expect(409)).body.code).toBe(
        'ACCOUNTS.ACCOUNT_CLOSED',
      );
      const types = await app.dataSource.query(
        `SELECT type FROM platform.outbox_events WHERE subject = $1 AND type LIKE 'account.%' ORDER BY seq`,
        [account.id],
      );
      expect(types.map((t: { type: string }) => t.type)).toEqual([
        'account.opened',
        'account.deposited',
        'account.withdrawn',
        'account.closed',
      ]);
    });
  });

  describe('the statement', () => {
    it('pages through entries newest first', async () => {
      const account = await api.openAccount();
      for (const amount of [1, 2, 3, 4, 5]) expect((await api.deposit(account.id, amount)).status).toBe(201);
      const amounts: number[] = [];
      let cursor: string | undefined;
      for (;;) {
        const page = await api
          .http()
          .get(`/v1/accounts/${account.id}/entries`)
          .query({ limit: 2, ...(cursor ? { startingAfter: cursor } : {}) })
          .expect(200);
        amounts.push(...page.body.data.map((e: { amount: number }) => e.amount));
        if (!page.body.hasMore) break;
        cursor = page.body.nextCursor;
      }
      expect(amounts).toEqual([5, 4, 3, 2, 1]);
    });
  });

  describe('ledger integrity', () => {
    it('reports a consistent ledger: every journal balanced, every currency summing to zero', async () => {
      await api.fundedAccount(1234, { currency: 'JPY' });
      const report = await api.integrity();
      expect(report).toMatchObject({ ok: true, balanceMismatches: [], unbalancedJournals: [], negativeBalances: [] });
      expect(report.currencyTotals).toContainEqual({ currency: 'JPY', total: 0 });
    });

    it('refuses to change a ledger entry: they are immutable', async () => {
      const account = await api.fundedAccount(10);
      await expect(
        app.dataSource.query(`UPDATE accounts.postings SET amount = 11 WHERE account_id = $1`, [account.id]),
      ).rejects.toThrow(/immutable/);
    });
  });

  describe('under concurrency', () => {
    it('lets exactly 100 of 200 concurrent withdrawals of 1 through an account holding 100', async () => {
      const account = await api.fundedAccount(100);
      const responses = await Promise.all(Array.from({ length: 200 }, () => api.withdraw(account.id, 1)));
      const statuses = responses.map((r) => r.status);
      expect(statuses.filter((s) => s === 201)).toHaveLength(100);
      expect(statuses.filter((s) => s === 422)).toHaveLength(100);
      expect(await api.balance(account.id)).toBe(0);
      expect((await api.integrity()).ok).toBe(true);
    });
  });
});
