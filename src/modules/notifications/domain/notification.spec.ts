import { accountsConcerned, FEED_EVENT_TYPES, type NotifiableEvent } from './notifiable-events';
import { notificationsFor } from './notification';
import { MalformedEventError } from './notifications.errors';

const payment = {
  paymentId: 'pay-1',
  sourceAccountId: 'payer',
  destinationAccountId: 'payee',
  amount: 1050,
  currency: 'USD',
  completedAt: '2026-11-22T10:00:00.000Z',
};
const refund = {
  refundId: 'ref-1',
  paymentId: 'pay-1',
  fromAccountId: 'payee',
  toAccountId: 'payer',
  amount: 250,
  currency: 'EUR',
  completedAt: '2026-11-22T10:00:00.000Z',
};
const assessment = {
  paymentId: 'pay-1',
  assessmentId: 'ra-1',
  decision: 'review' as const,
  score: 70,
  reasons: ['MAX_AMOUNT', 'VELOCITY_COUNT'],
  sourceAccountId: 'payer',
  destinationAccountId: 'payee',
  amount: 1_000_000,
  currency: 'USD',
};
const failure = { failureCode: 'INSUFFICIENT_FUNDS' as const, failureMessage: 'Source account payer has 5 USD' };

const event = <E extends NotifiableEvent>(partial: Pick<E, 'type' | 'data'>): E =>
  ({ id: 'evt-1', occurredAt: '2026-11-22T10:00:00.000Z', ...partial }) as E;

const authorization = {
  amountCapturable: 1050,
  captureBefore: '2026-11-29T10:00:00.000Z',
  authorizedAt: payment.completedAt,
};

const samples: NotifiableEvent[] = [
  event({ type: 'payment.succeeded', data: payment }),
  event({ type: 'payment.failed', data: { ...payment, ...failure } }),
  event({ type: 'payment.canceled', data: payment }),
  event({ type: 'payment.expired', data: payment }),
  event({ type: 'refund.succeeded', data: refund }),
  event({ type: 'refund.failed', data: { ...refund, ...failure } }),
  event({
    type: 'account.deposited',
    data: { accountId: 'acc', depositId: 'dep-1', amount: 5000, currency: 'USD', balanceAfter: 7500, reference: null },
  }),
  event({
    type: 'account.withdrawn',
    data: { accountId: 'acc', withdrawalId: 'wd-1', amount: 5000, currency: 'USD', balanceAfter: 0, reference: 'x' },
  }),
  event({ type: 'risk.assessed', data: assessment }),
  event({ type: 'payment.authorized', data: { ...payment, ...authorization } }),
];

describe('notificationsFor', () => {
  it('has a sample for every event type of the feed', () => {
    expect(samples.map((s) => s.type).sort()).toEqual([...FEED_EVENT_TYPES].sort());
  });

  it('notifies the payer and the payee of a payment, with the amount in the currency minor units', () => {
    const [payer, payee] = notificationsFor(samples[0]);
    expect(payer).toEqual({
      audience: 'account',
      accountId: 'payer',
      type: 'payment.succeeded',
      title: 'Payment sent',
      message: 'You paid 10.50 USD to account payee.',
      data: {
        paymentId: 'pay-1',
        sourceAccountId: 'payer',
        destinationAccountId: 'payee',
        amount: 1050,
        currency: 'USD',
        role: 'payer',
      },
    });
    expect(payee).toMatchObject({
      accountId: 'payee',
      title: 'Payment received',
      message: 'You received 10.50 USD from account payer.',
      data: { role: 'payee', amount: 1050 },
    });
  });

  it('tells only the payer why a payment failed', () => {
    const [payer, payee] = notificationsFor(samples[1]);
    expect(payer.message).toBe('Your payment of 10.50 USD to account payee failed: Source account payer has 5 USD');
    expect(payer.data).toMatchObject({ failureCode: 'INSUFFICIENT_FUNDS' });
    expect(payee.message).toBe('A payment of 10.50 USD from account payer failed.');
    expect(payee.data).not.toHaveProperty('failureCode');
  });

  it.each([
    [0, 'JPY', 1050, '1,050 JPY'],
    [3, 'BHD', 1050, '1.050 BHD'],
    [2, 'USD', 123456789, '1,234,567.89 USD'],
  ])('formats %i-digit currencies exactly (%s)', (_digits, currency, amount, shown) => {
    const [payer] = notificationsFor(event({ type: 'payment.succeeded', data: { ...payment, amount, currency } }));
    expect(payer.message).toContain(shown);
  });

  it('notifies both sides of a refund: the payee pays it back to the payer', () => {
    const drafts = notificationsFor(samples[4]);
    expect(drafts.map((d) => [d.accountId, d.title, d.message])).toEqual([
      ['payee', 'Refund sent', 'You refunded 2.50 EUR to account payer for payment pay-1.'],
      ['payer', 'Refund received', 'You received a refund of 2.50 EUR from account payee for payment pay-1.'],
    ]);
  });

  it('tells both sides of an authorization what is on hold and until when', () => {
    const [payer, payee] = notificationsFor(samples[9]);
    expect(payer).toMatchObject({
      accountId: 'payer',
      type: 'payment.authorized',
      title: 'Payment authorized',
      message: expect.stringContaining('10.50 USD is on hold'),
      data: { amountCapturable: 1050, captureBefore: '2026-11-29T10:00:00.000Z', role: 'payer' },
    });
    expect(payee).toMatchObject({
      accountId: 'payee',
      message: expect.stringContaining('capture it by 2026-11-29T10:00:00.000Z'),
      data: { role: 'payee' },
    });
    expect(accountsConcerned(samples[9])).toEqual(['payer', 'payee']);
  });

  it('notifies the account of a deposit or withdrawal, with its balance after', () => {
    expect(notificationsFor(samples[6])).toEqual([
      expect.objectContaining({
        accountId: 'acc',
        type: 'account.deposited',
        message: '50.00 USD was deposited into your account. Balance: 75.00 USD.',
        data: expect.objectContaining({ depositId: 'dep-1', balanceAfter: 7500 }),
      }),
    ]);
    expect(notificationsFor(samples[7])[0]).toMatchObject({ title: 'Withdrawal made', data: { withdrawalId: 'wd-1' } });
  });

  it('notifies the operators of a payment waiting for review, and of no other risk decision', () => {
    expect(notificationsFor(samples[8])).toEqual([
      {
        audience: 'operators',
        accountId: null,
        type: 'risk.review_required',
        title: 'Payment waiting for review',
        message:
          'Payment pay-1 of 10,000.00 USD from account payer to account payee scored 70/100 (MAX_AMOUNT, VELOCITY_COUNT) and waits for a review.',
        data: expect.objectContaining({ paymentId: 'pay-1', assessmentId: 'ra-1', score: 70 }),
      },
    ]);
    for (const decision of ['approve', 'reject'] as const) {
      expect(notificationsFor(event({ type: 'risk.assessed', data: { ...assessment, decision } }))).toEqual([]);
    }
  });

  it('notifies an account paying itself once', () => {
    const self = event({ type: 'payment.succeeded', data: { ...payment, destinationAccountId: 'payer' } });
    expect(notificationsFor(self)).toHaveLength(1);
  });

  it('refuses an event whose amount or currency breaks the contract, for good', () => {
    for (const data of [
      { ...payment, amount: 10.5 },
      { ...payment, currency: 'usd' },
    ]) {
      expect(() => notificationsFor(event({ type: 'payment.succeeded', data }))).toThrow(MalformedEventError);
    }
  });
});

describe('accountsConcerned', () => {
  it('names both sides of payments and refunds, and the account of a deposit', () => {
    expect(accountsConcerned(samples[0])).toEqual(['payer', 'payee']);
    expect(accountsConcerned(samples[4])).toEqual(['payee', 'payer']);
    expect(accountsConcerned(samples[6])).toEqual(['acc']);
  });
});
