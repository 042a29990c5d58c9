import type { AccountDepositedV1, AccountWithdrawnV1 } from '../../../src/modules/accounts/contracts/account-events';
import type { PaymentFactsV1, PaymentFailureCode } from '../../../src/modules/payments/contracts/payment-events';
import type { RefundFactsV1 } from '../../../src/modules/payments/contracts/refund-events';
import type { RiskAssessedV1 } from '../../../src/modules/risk/contracts/risk-events';
import { UnitOfWork } from '../../../src/platform/database/unit-of-work';
import { newId } from '../../../src/platform/ids';
import type { EventDraft, EventType, IntegrationEvent } from '../../../src/platform/messaging/integration-event';
import { ConsumerRegistry } from '../../../src/platform/messaging/consumer-registry';
import { api } from '../api';
import { publisherOf } from '../messaging/publisher-of';
import { eventually } from '../eventually';
import type { TestApp } from '../test-app';

/**
 * Publishes the events the notifications module consumes, as their owners do (with their
 * publishers, through the outbox, in a unit of work), with realistic payloads and fresh ids
 * unless told otherwise. Needs the full app.
 */
export class NotificationEvents {
  private readonly unitOfWork: UnitOfWork;

  constructor(private readonly app: TestApp) {
    this.unitOfWork = app.get(UnitOfWork);
  }

  publish<T extends EventType>(type: T, draft: EventDraft<T>): Promise<IntegrationEvent<T>> {
    const owner = this.app.get(ConsumerRegistry).catalogue.ownerOf(type) ?? 'unknown';
    const publisher = publisherOf(this.app.app, owner);
    return this.unitOfWork.run(() => publisher.publish(type, draft));
  }

  static payment(overrides: Partial<PaymentFactsV1> = {}): PaymentFactsV1 {
    return {
      paymentId: newId(),
      sourceAccountId: newId(),
      destinationAccountId: newId(),
      amount: 1050,
      currency: 'USD',
      ...overrides,
    };
  }

  paymentSucceeded(facts = NotificationEvents.payment()) {
    const data = { ...facts, amountCaptured: facts.amount, completedAt: new Date().toISOString() };
    return this.publish('payment.succeeded', { version: 1, subject: facts.paymentId, data });
  }

  paymentFailed(
    facts = NotificationEvents.payment(),
    failureCode: PaymentFailureCode = 'INSUFFICIENT_FUNDS',
    failureMessage = `Source account ${facts.sourceAccountId} has 500 ${facts.currency} available, ${facts.amount} requested`,
  ) {
    const data = { ...facts, failureCode, failureMessage, completedAt: new Date().toISOString() };
    return this.publish('payment.failed', { version: 1, subject: facts.paymentId, data });
  }

  paymentCanceled(facts = NotificationEvents.payment()) {
    const data = { ...facts, completedAt: new Date().toISOString() };
    return this.publish('payment.canceled', { version: 1, subject: facts.paymentId, data });
  }

  paymentExpired(facts = NotificationEvents.payment()) {
    const data = { ...facts, completedAt: new Date().toISOString() };
    return this.publish('payment.expired', { version: 1, subject: facts.paymentId, data });
  }

  static refund(payment: PaymentFactsV1, overrides: Partial<RefundFactsV1> = {}): RefundFactsV1 {
    return {
      refundId: newId(),
      paymentId: payment.paymentId,
      fromAccountId: payment.destinationAccountId,
      toAccountId: payment.sourceAccountId,
      amount: payment.amount,
      currency: payment.currency,
      ...overrides,
    };
  }

  refundSucceeded(facts: RefundFactsV1) {
    const data = { ...facts, completedAt: new Date().toISOString() };
    return this.publish('refund.succeeded', { version: 1, subject: facts.paymentId, data });
  }

  refundFailed(facts: RefundFactsV1) {
    const data = {
      ...facts,
      failureCode: 'INSUFFICIENT_FUNDS' as const,
      failureMessage: `Account ${facts.fromAccountId} cannot cover the refund`,
      completedAt: new Date().toISOString(),
    };
    return this.publish('refund.failed', { version: 1, subject: facts.paymentId, data });
  }

  deposited(overrides: Partial<AccountDepositedV1> = {}) {
    const data: AccountDepositedV1 = {
      accountId: newId(),
      depositId: newId(),
      amount: 5000,
      currency: 'USD',
      balanceAfter: 5000,
      reference: 'top-up',
      ...overrides,
    };
    return this.publish('account.deposited', { version: 1, subject: data.accountId, data });
  }

  withdrawn(overrides: Partial<AccountWithdrawnV1> = {}) {
    const data: AccountWithdrawnV1 = {
      accountId: newId(),
      withdrawalId: newId(),
      amount: 2000,
      currency: 'USD',
      balanceAfter: 3000,
      reference: null,
      ...overrides,
    };
    return this.publish('account.withdrawn', { version: 1, subject: data.accountId, data });
  }

  riskAssessed(payment: PaymentFactsV1, overrides: Partial<RiskAssessedV1> = {}) {
    const data: RiskAssessedV1 = {
      paymentId: payment.paymentId,
      assessmentId: newId(),
      decision: 'review',
      score: 65,
      reasons: ['MAX_AMOUNT'],
      sourceAccountId: payment.sourceAccountId,
      destinationAccountId: payment.destinationAccountId,
      amount: payment.amount,
      currency: payment.currency,
      ...overrides,
    };
    return this.publish('risk.assessed', { version: 1, subject: payment.paymentId, data });
  }
}

/**
 * Waits until `consumer` has nothing left to handle (through the public admin API, not the queue's
 * tables): every event committed before the call has then been handled, or skipped as already handled.
 */
export async function drained(app: TestApp, consumer: string): Promise<void> {
  await eventually(async () => {
    const { body } = await api(app.url).get('/v1/admin/messaging/stats').expect(200);
    const stats = (body as { consumers: Array<{ consumer: string; backlog: number; dead: number }> }).consumers.find(
      (c) => c.consumer === consumer,
    );
    if (!stats) throw new Error(`no consumer ${consumer}`);
    if (stats.dead > 0) throw new Error(`${consumer} has ${stats.dead} dead deliveries`);
    if (stats.backlog > 0) throw new Error(`${consumer} has ${stats.backlog} deliveries to go`);
  });
}

export const FEED_CONSUMER = 'notifications.record-notifications';
export const WEBHOOKS_CONSUMER = 'notifications.queue-webhooks';
