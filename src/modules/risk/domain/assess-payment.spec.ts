import { assessPayment, type RiskContext } from './assess-payment';
import { DEFAULT_RULES, type RiskRules } from './risk-rules';

const now = new Date('2026-11-22T12:00:00Z');
const payment = { sourceAccountId: 'src', destinationAccountId: 'dst', amount: 1000, currency: 'USD' };
const context: RiskContext = {
  sourceOpenedAt: new Date('2026-01-01T00:00:00Z'),
  blocklisted: new Set(),
  recent: { count: 0, sum: 0 },
  now,
};
const codes = (rules: RiskRules, overrides: Partial<RiskContext> = {}, amount = payment.amount) =>
  assessPayment({ ...payment, amount }, { ...context, ...overrides }, rules).reasons.map((r) => r.code);

describe('assessPayment', () => {
  it('approves an ordinary payment with a zero score', () => {
    expect(assessPayment(payment, context, DEFAULT_RULES)).toEqual({ decision: 'approve', score: 0, reasons: [] });
  });

  it('rejects an amount over the limit, per currency', () => {
    const rules: RiskRules = { ...DEFAULT_RULES, maxAmount: { default: 5000, perCurrency: { JPY: 500_000 } } };
    const over = assessPayment({ ...payment, amount: 5001 }, context, rules);
    expect(over).toMatchObject({
      decision: 'reject',
      score: 100,
      reasons: [{ code: 'MAX_AMOUNT', message: '50.01 USD is over the limit of 50.00 USD' }],
    });
    expect(codes(rules, {}, 5000)).toEqual([]);
    expect(assessPayment({ ...payment, currency: 'JPY', amount: 400_000 }, context, rules).decision).toBe('approve');
  });

  it('rejects a payment from or to a blocklisted account', () => {
    expect(codes(DEFAULT_RULES, { blocklisted: new Set(['dst']) })).toEqual(['BLOCKLISTED_ACCOUNT']);
    expect(assessPayment(payment, { ...context, blocklisted: new Set(['src']) }, DEFAULT_RULES).decision).toBe(
      'reject',
    );
  });

  it('counts this payment in the velocity limits', () => {
    const rules: RiskRules = {
      ...DEFAULT_RULES,
      velocity: { windowSeconds: 60, maxCount: 3, maxSum: { default: 2500, perCurrency: {} } },
    };
    expect(codes(rules, { recent: { count: 2, sum: 1000 } })).toEqual([]);
    expect(codes(rules, { recent: { count: 3, sum: 1000 } })).toEqual(['VELOCITY_COUNT']);
    expect(codes(rules, { recent: { count: 0, sum: 1501 } })).toEqual(['VELOCITY_SUM']);
  });

  it('holds a large payment from a new account for review', () => {
    const fresh = { sourceOpenedAt: new Date(now.getTime() - 3_600_000) };
    const limit = DEFAULT_RULES.newAccount.maxAmount.default!;
    expect(assessPayment({ ...payment, amount: limit + 1 }, { ...context, ...fresh }, DEFAULT_RULES)).toMatchObject({
      decision: 'review',
      score: 50,
      reasons: [{ code: 'NEW_ACCOUNT_LIMIT' }],
    });
    expect(codes(DEFAULT_RULES, fresh, limit)).toEqual([]);
    // An account risk has not heard of yet (its account.opened still on its way) counts as new.
    expect(codes(DEFAULT_RULES, { sourceOpenedAt: null }, limit + 1)).toEqual(['NEW_ACCOUNT_LIMIT']);
    expect(codes(DEFAULT_RULES, { sourceOpenedAt: null }, limit)).toEqual([]);
  });

  it('adds up scores, capped at 100, and compares them with the thresholds', () => {
    const rules: RiskRules = { ...DEFAULT_RULES, thresholds: { review: 30, reject: 200 } };
    const both = assessPayment(
      { ...payment, amount: 200_000_000 },
      { ...context, sourceOpenedAt: now, blocklisted: new Set(['src']) },
      rules,
    );
    expect(both.score).toBe(100);
    expect(both.decision).toBe('review');
  });
});
