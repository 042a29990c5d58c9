import type { RiskDecision } from '../contracts/risk-events';
import { formatMoney } from '../../../platform/money';
import { limitFor, type RiskRules } from './risk-rules';

export interface PaymentToAssess {
  readonly sourceAccountId: string;
  readonly destinationAccountId: string;
  readonly amount: number;
  readonly currency: string;
}

/** What risk knows around the payment, gathered from its own read models. */
export interface RiskContext {
  /** When the source account was opened, if risk has seen it (it learns accounts from events). */
  readonly sourceOpenedAt: Date | null;
  readonly blocklisted: ReadonlySet<string>;
  /** Earlier payments from the same source account within the velocity window. */
  readonly recent: { readonly count: number; readonly sum: number };
  readonly now: Date;
}

export interface RiskReason {
  readonly code: 'MAX_AMOUNT' | 'VELOCITY_COUNT' | 'VELOCITY_SUM' | 'NEW_ACCOUNT_LIMIT' | 'BLOCKLISTED_ACCOUNT';
  readonly message: string;
  readonly score: number;
}

export interface Assessment {
  readonly decision: RiskDecision;
  readonly score: number;
  readonly reasons: readonly RiskReason[];
}

const MAX_SCORE = 100;

/** Applies every rule; the score is the sum of the scores of the rules that fired, capped at 100. */
export function assessPayment(payment: PaymentToAssess, context: RiskContext, rules: RiskRules): Assessment {
  const reasons: RiskReason[] = [];
  const money = (amount: number) => formatMoney(amount, payment.currency);

  for (const account of [payment.sourceAccountId, payment.destinationAccountId]) {
    if (context.blocklisted.has(account)) {
      reasons.push({
        code: 'BLOCKLISTED_ACCOUNT',
        message: `Account ${account} is on the blocklist`,
        score: rules.scores.blocklist,
      });
    }
  }

  const maxAmount = limitFor(rules.maxAmount, payment.currency);
  if (maxAmount !== null && payment.amount > maxAmount) {
    reasons.push({
      code: 'MAX_AMOUNT',
      message: `${money(payment.amount)} is over the limit of ${money(maxAmount)}`,
      score: rules.scores.maxAmount,
    });
  }

  if (context.recent.count + 1 > rules.velocity.maxCount) {
    reasons.push({
      code: 'VELOCITY_COUNT',
      message: `More than ${rules.velocity.maxCount} payments from this account within ${rules.velocity.windowSeconds} s`,
      score: rules.scores.velocity,
    });
  }
  const maxSum = limitFor(rules.velocity.maxSum, payment.currency);
  if (maxSum !== null && context.recent.sum + payment.amount > maxSum) {
    reasons.push({
      code: 'VELOCITY_SUM',
      message: `More than ${money(maxSum)} from this account within ${rules.velocity.windowSeconds} s`,
      score: rules.scores.velocity,
    });
  }

  const newAccountLimit = limitFor(rules.newAccount.maxAmount, payment.currency);
  if (newAccountLimit !== null) {
    // An account risk has not heard of yet is as new as an account can be: events about different
    // subjects may arrive in any order (across a broker, often), and the rule must not fail open.
    const openedAt = context.sourceOpenedAt ?? context.now;
    const ageHours = (context.now.getTime() - openedAt.getTime()) / 3_600_000;
    if (ageHours < rules.newAccount.ageHours && payment.amount > newAccountLimit) {
      reasons.push({
        code: 'NEW_ACCOUNT_LIMIT',
        message: `${money(payment.amount)} is over the limit of ${money(newAccountLimit)} for accounts younger than ${rules.newAccount.ageHours} h`,
        score: rules.scores.newAccount,
      });
    }
  }

  const score = Math.min(
    MAX_SCORE,
    reasons.reduce((sum, reason) => sum + reason.score, 0),
  );
  const decision: RiskDecision =
    score >= rules.thresholds.reject ? 'reject' : score >= rules.thresholds.review ? 'review' : 'approve';
  return { decision, score, reasons };
}
