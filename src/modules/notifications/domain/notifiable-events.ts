import type { AccountDepositedV1, AccountWithdrawnV1 } from '../../accounts/contracts/account-events';
import type {
  PaymentAuthorizedV1,
  PaymentCanceledV1,
  PaymentExpiredV1,
  PaymentFailedV1,
  PaymentSucceededV1,
} from '../../payments/contracts/payment-events';
import type { RefundFailedV1, RefundSucceededV1 } from '../../payments/contracts/refund-events';
import type { RiskAssessedV1 } from '../../risk/contracts/risk-events';

/**
 * The events this module reacts to, with the payloads it reads. Each is a member of the platform's
 * event catalogue (checked where the handlers subscribe), restated here so the rules stay free of the platform.
 */
export interface NotifiableEventData {
  'payment.authorized': PaymentAuthorizedV1;
  'payment.succeeded': PaymentSucceededV1;
  'payment.failed': PaymentFailedV1;
  'payment.canceled': PaymentCanceledV1;
  'payment.expired': PaymentExpiredV1;
  'refund.succeeded': RefundSucceededV1;
  'refund.failed': RefundFailedV1;
  'account.deposited': AccountDepositedV1;
  'account.withdrawn': AccountWithdrawnV1;
  'risk.assessed': RiskAssessedV1;
}

/** The event types that can be sent to webhook endpoints: the ones about money moving, for its accounts. */
export const WEBHOOK_EVENT_TYPES = [
  'payment.authorized',
  'payment.succeeded',
  'payment.failed',
  'payment.canceled',
  'payment.expired',
  'refund.succeeded',
  'refund.failed',
  'account.deposited',
  'account.withdrawn',
] as const satisfies ReadonlyArray<keyof NotifiableEventData>;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** An endpoint subscribed to `*` receives every type above, including those added later. */
export const ALL_EVENT_TYPES = '*';

/** The event types that feed the notification list: the webhook types, and risk reviews waiting for operators. */
export const FEED_EVENT_TYPES = [...WEBHOOK_EVENT_TYPES, 'risk.assessed'] as const satisfies ReadonlyArray<
  keyof NotifiableEventData
>;
export type FeedEventType = (typeof FEED_EVENT_TYPES)[number];

/** What the rules need from an event: its id, type, time and payload. */
export type NotifiableEvent<T extends keyof NotifiableEventData = keyof NotifiableEventData> = T extends unknown
  ? { readonly id: string; readonly type: T; readonly occurredAt: string; readonly data: NotifiableEventData[T] }
  : never;

/** The accounts an event is about: the payer and payee of a payment or refund, the account of a deposit or withdrawal. */
export function accountsConcerned(event: NotifiableEvent): string[] {
  switch (event.type) {
    case 'payment.authorized':
    case 'payment.succeeded':
    case 'payment.failed':
    case 'payment.canceled':
    case 'payment.expired':
    case 'risk.assessed':
      return unique([event.data.sourceAccountId, event.data.destinationAccountId]);
    case 'refund.succeeded':
    case 'refund.failed':
      return unique([event.data.fromAccountId, event.data.toAccountId]);
    case 'account.deposited':
    case 'account.withdrawn':
      return [event.data.accountId];
  }
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}
