import { formatMoney, isCurrencyCode } from '../../../platform/money';
import type { FeedEventType, NotifiableEvent } from './notifiable-events';
import { MalformedEventError } from './notifications.errors';

/** Who reads a notification: one account's holder, or the operators (who have no account). */
export type NotificationAudience = 'account' | 'operators';
export const NOTIFICATION_AUDIENCES = ['account', 'operators'] as const satisfies readonly NotificationAudience[];

/** The event type it reports, or `risk.review_required` for a payment that waits for an operator. */
export type NotificationType = Exclude<FeedEventType, 'risk.assessed'> | 'risk.review_required';

export type NotificationData = Record<string, string | number | boolean | null | readonly string[]>;

export interface NotificationDraft {
  readonly audience: NotificationAudience;
  /** The account it is for; null for the operators. */
  readonly accountId: string | null;
  readonly type: NotificationType;
  readonly title: string;
  readonly message: string;
  /** Ids and amounts (minor units), for clients that render their own text. */
  readonly data: NotificationData;
}

type Role = 'payer' | 'payee';

/**
 * The notifications an event gives: one per account concerned (the payer and the payee of a
 * payment or refund, the account of a deposit or withdrawal), or one for the operators when a
 * payment waits for a risk review. Other risk decisions give none.
 */
export function notificationsFor(event: NotifiableEvent): NotificationDraft[] {
  switch (event.type) {
    case 'payment.succeeded':
    case 'payment.failed':
    case 'payment.canceled':
    case 'payment.expired': {
      const { paymentId, sourceAccountId, destinationAccountId, amount, currency } = event.data;
      const money = moneyOf(event.id, amount, currency);
      const data = { paymentId, sourceAccountId, destinationAccountId, amount, currency };
      const [payer, payee] = PAYMENT_TEXT[event.type];
      const failure =
        event.type === 'payment.failed'
          ? { failureCode: event.data.failureCode, reason: event.data.failureMessage }
          : undefined;
      return twoParties(event.type, data, failure, {
        payer: { accountId: sourceAccountId, title: payer.title, message: payer.message(money, destinationAccountId) },
        payee: { accountId: destinationAccountId, title: payee.title, message: payee.message(money, sourceAccountId) },
      });
    }
    case 'payment.authorized': {
      const { paymentId, sourceAccountId, destinationAccountId, amount, currency, amountCapturable, captureBefore } =
        event.data;
      const held = moneyOf(event.id, amountCapturable, currency);
      const data = {
        paymentId,
        sourceAccountId,
        destinationAccountId,
        amount,
        currency,
        amountCapturable,
        captureBefore,
      };
      return twoParties(event.type, data, undefined, {
        payer: {
          accountId: sourceAccountId,
          title: 'Payment authorized',
          message: `${held} is on hold for your payment to account ${destinationAccountId}, until it is captured or released (by ${captureBefore}).`,
        },
        payee: {
          accountId: destinationAccountId,
          title: 'Payment authorized',
          message: `A payment of ${held} from account ${sourceAccountId} is authorized: capture it by ${captureBefore}.`,
        },
      });
    }
    case 'refund.succeeded':
    case 'refund.failed': {
      const { refundId, paymentId, fromAccountId, toAccountId, amount, currency } = event.data;
      const money = moneyOf(event.id, amount, currency);
      const data = { refundId, paymentId, fromAccountId, toAccountId, amount, currency };
      const succeeded = event.type === 'refund.succeeded';
      const failure = succeeded
        ? undefined
        : { failureCode: event.data.failureCode, reason: event.data.failureMessage };
      // The payee of the payment pays the refund back to its payer.
      return twoParties(event.type, data, failure, {
        payer: {
          accountId: fromAccountId,
          title: succeeded ? 'Refund sent' : 'Refund failed',
          message: succeeded
            ? `You refunded ${money} to account ${toAccountId} for payment ${paymentId}.`
            : `Your refund of ${money} to account ${toAccountId} for payment ${paymentId} failed`,
        },
        payee: {
          accountId: toAccountId,
          title: succeeded ? 'Refund received' : 'Refund failed',
          message: succeeded
            ? `You received a refund of ${money} from account ${fromAccountId} for payment ${paymentId}.`
            : `A refund of ${money} from account ${fromAccountId} for payment ${paymentId} failed.`,
        },
      });
    }
    case 'account.deposited':
    case 'account.withdrawn': {
      const { accountId, amount, currency, balanceAfter, reference } = event.data;
      const money = moneyOf(event.id, amount, currency);
      const balance = moneyOf(event.id, balanceAfter, currency);
      const deposited = event.type === 'account.deposited';
      const movementId = event.type === 'account.deposited' ? event.data.depositId : event.data.withdrawalId;
      return [
        {
          audience: 'account',
          accountId,
          type: event.type,
          title: deposited ? 'Deposit received' : 'Withdrawal made',
          message: `${money} ${deposited ? 'was deposited into' : 'was withdrawn from'} your account. Balance: ${balance}.`,
          data: {
            [deposited ? 'depositId' : 'withdrawalId']: movementId,
            accountId,
            amount,
            currency,
            balanceAfter,
            reference,
          },
        },
      ];
    }
    case 'risk.assessed': {
      if (event.data.decision !== 'review') return [];
      const { paymentId, assessmentId, score, reasons, sourceAccountId, destinationAccountId, amount, currency } =
        event.data;
      const money = moneyOf(event.id, amount, currency);
      const why = reasons.length > 0 ? ` (${reasons.join(', ')})` : '';
      return [
        {
          audience: 'operators',
          accountId: null,
          type: 'risk.review_required',
          title: 'Payment waiting for review',
          message:
            `Payment ${paymentId} of ${money} from account ${sourceAccountId} to account ${destinationAccountId} ` +
            `scored ${score}/100${why} and waits for a review.`,
          data: { paymentId, assessmentId, score, reasons, sourceAccountId, destinationAccountId, amount, currency },
        },
      ];
    }
  }
}

type PaymentOutcome = 'payment.succeeded' | 'payment.failed' | 'payment.canceled' | 'payment.expired';
type Text = { title: string; message: (money: string, otherAccountId: string) => string };

const PAYMENT_TEXT: Record<PaymentOutcome, readonly [payer: Text, payee: Text]> = {
  'payment.succeeded': [
    { title: 'Payment sent', message: (m, to) => `You paid ${m} to account ${to}.` },
    { title: 'Payment received', message: (m, from) => `You received ${m} from account ${from}.` },
  ],
  'payment.failed': [
    { title: 'Payment failed', message: (m, to) => `Your payment of ${m} to account ${to} failed` },
    { title: 'Incoming payment failed', message: (m, from) => `A payment of ${m} from account ${from} failed.` },
  ],
  'payment.canceled': [
    { title: 'Payment canceled', message: (m, to) => `Your payment of ${m} to account ${to} was canceled.` },
    {
      title: 'Incoming payment canceled',
      message: (m, from) => `A payment of ${m} from account ${from} was canceled.`,
    },
  ],
  'payment.expired': [
    { title: 'Payment expired', message: (m, to) => `Your payment of ${m} to account ${to} expired.` },
    { title: 'Incoming payment expired', message: (m, from) => `A payment of ${m} from account ${from} expired.` },
  ],
};

interface PartyText {
  readonly accountId: string;
  readonly title: string;
  readonly message: string;
}

/**
 * One notification for each side. Only the side that sent the money learns why it failed: the
 * reason (insufficient funds, a frozen account) is about that side alone.
 */
function twoParties(
  type: Exclude<NotificationType, 'risk.review_required' | 'account.deposited' | 'account.withdrawn'>,
  data: NotificationData,
  failure: { failureCode: string; reason: string } | undefined,
  parties: Record<Role, PartyText>,
): NotificationDraft[] {
  const drafts = (['payer', 'payee'] as const).map((role): NotificationDraft => {
    const party = parties[role];
    const explained = failure && role === 'payer';
    return {
      audience: 'account',
      accountId: party.accountId,
      type,
      title: party.title,
      message: explained ? `${party.message}: ${failure.reason}` : party.message,
      data: { ...data, role, ...(explained ? { failureCode: failure.failureCode } : {}) },
    };
  });
  // An account paying itself reads one notification, not two.
  return drafts[0].accountId === drafts[1].accountId ? [drafts[0]] : drafts;
}

function moneyOf(eventId: string, amount: number, currency: string): string {
  if (!Number.isSafeInteger(amount)) throw new MalformedEventError(eventId, `amount ${amount} is not a safe integer`);
  if (!isCurrencyCode(currency))
    throw new MalformedEventError(eventId, `currency ${JSON.stringify(currency)} is not an ISO 4217 code`);
  return formatMoney(amount, currency);
}

export interface NotificationFilter {
  /** An owner-bound key's owner: only its accounts' notifications (never the operators' feed). */
  ownerId?: string | null;
  accountId?: string;
  audience?: NotificationAudience;
  unread?: boolean;
}

/** A notification as this module's commands and queries return it (the table's entity implements it). */
export interface Notification extends NotificationDraft {
  readonly id: string;
  /** The event it reports. */
  readonly eventId: string;
  readonly createdAt: Date;
  readonly readAt: Date | null;
}
