import { Injectable } from '@nestjs/common';
import { RequestContext, type Cause } from '../../../platform/context';
import { type EventDraft, type EventEnvelope, EventPublisher, type EventType } from '../../../platform/messaging';
import type { PaymentFactsV1 } from '../contracts/payment-events';
import type { RefundFactsV1 } from '../contracts/refund-events';
import type { Transition } from '../domain/payment';
import { isTerminal, type PaymentStatus } from '../domain/payment-status';
import type { PaymentEntity } from '../infrastructure/payment.entity';
import type { RefundEntity } from '../infrastructure/refund.entity';
import { PaymentRepository } from '../infrastructure/payment.repository';
import { TimelineRepository } from '../infrastructure/timeline.repository';

export function factsOf(payment: PaymentEntity): PaymentFactsV1 {
  return {
    paymentId: payment.id,
    sourceAccountId: payment.sourceAccountId,
    destinationAccountId: payment.destinationAccountId,
    amount: payment.amount,
    currency: payment.currency,
  };
}

/** A refund's facts: its money goes back the way the payment's came, from the payee to the payer. */
export function refundFactsOf(payment: PaymentEntity, refund: RefundEntity): RefundFactsV1 {
  return {
    refundId: refund.id,
    paymentId: payment.id,
    fromAccountId: payment.destinationAccountId,
    toAccountId: payment.sourceAccountId,
    amount: refund.amount,
    currency: refund.currency,
  };
}

/** One payment's change: a transition (or none) and fields to save, and who caused it. */
export interface PaymentStep {
  readonly payment: PaymentEntity;
  readonly transition: Transition | null;
  readonly changes?: Partial<PaymentEntity>;
  /** The event being handled, for the events this step publishes; the current context when absent. */
  readonly cause?: Cause;
}

/**
 * The one place a payment's status changes and its events go out: every use case computes a
 * transition with the domain rules, then hands it here. Each event also lands in the payment's
 * timeline, in the same transaction.
 */
@Injectable()
export class PaymentLifecycle {
  constructor(
    private readonly payments: PaymentRepository,
    private readonly timeline: TimelineRepository,
    private readonly events: EventPublisher,
  ) {}

  /** Publishes an event about the payment and writes it to the payment's timeline. */
  async publish<T extends EventType>(paymentId: string, type: T, draft: EventDraft<T>): Promise<void> {
    this.timeline.record(paymentId, await this.events.publish(type, draft));
  }

  /** Records an event another module sent about the payment. */
  recordReceived(paymentId: string, event: EventEnvelope): void {
    this.timeline.record(paymentId, event);
  }

  /** Saves `changes` and, when given, the transition, then announces what the new status requires. */
  async apply(
    payment: PaymentEntity,
    transition: Transition | null,
    changes: Partial<PaymentEntity> = {},
  ): Promise<PaymentEntity> {
    await this.applyAll([{ payment, transition, changes }]);
    return payment;
  }

  /** `apply` for many payments at once (a batch of events): one statement saves them all, then each announces. */
  async applyAll(steps: readonly PaymentStep[]): Promise<void> {
    const updates: Array<{ payment: PaymentEntity; changes: Partial<PaymentEntity> }> = [];
    const moved: Array<{ step: PaymentStep; transition: Transition; from: PaymentStatus }> = [];
    for (const step of steps) {
      const { payment, transition, changes = {} } = step;
      if (!transition) {
        if (Object.keys(changes).length > 0) updates.push({ payment, changes });
        continue;
      }
      moved.push({ step, transition, from: payment.status });
      updates.push({
        payment,
        changes: {
          ...changes,
          ...transition.changes,
          status: transition.to,
          failureCode: transition.failureCode ?? null,
          failureMessage: transition.failureMessage ?? null,
          completedAt: isTerminal(transition.to) ? new Date() : null,
        },
      });
    }
    await this.payments.updateAll(updates);
    for (const { step, transition, from } of moved) {
      await RequestContext.run(step.cause ?? RequestContext.cause(), () =>
        this.announce(step.payment, from, transition),
      );
    }
  }

  private async announce(payment: PaymentEntity, from: PaymentStatus, transition: Transition): Promise<void> {
    const facts = factsOf(payment);
    const subject = payment.id;
    const completedAt = payment.completedAt?.toISOString() ?? new Date().toISOString();
    // The payment id is the transfer (or hold) id: accounts moves this money at most once.
    const transferId = payment.id;
    switch (payment.status) {
      case 'processing': {
        if (from === 'requires_capture') {
          return this.publish(payment.id, 'transfer.capture_requested', {
            version: 1,
            subject,
            data: { transferId, kind: 'payment', amount: transition.captureAmount! },
          });
        }
        // Never moved (nor held) after expiresAt.
        const request = {
          transferId,
          kind: 'payment' as const,
          sourceAccountId: payment.sourceAccountId,
          destinationAccountId: payment.destinationAccountId,
          amount: payment.amount,
          currency: payment.currency,
          reference: payment.id,
          expiresAt: payment.expiresAt.toISOString(),
          sourceOwnerId: payment.ownerId,
        };
        return payment.captureMethod === 'manual'
          ? this.publish(payment.id, 'transfer.hold_requested', { version: 1, subject, data: request })
          : this.publish(payment.id, 'transfer.requested', { version: 1, subject, data: request });
      }
      case 'requires_capture':
        return this.publish(payment.id, 'payment.authorized', {
          version: 1,
          subject,
          data: {
            ...facts,
            amountCapturable: payment.amountCapturable,
            captureBefore: payment.captureBefore!.toISOString(),
            authorizedAt: payment.authorizedAt!.toISOString(),
          },
        });
      case 'succeeded':
        return this.publish(payment.id, 'payment.succeeded', {
          version: 1,
          subject,
          data: { ...facts, amountCaptured: payment.amountCaptured, completedAt },
        });
      case 'failed':
        return this.publish(payment.id, 'payment.failed', {
          version: 1,
          subject,
          data: {
            ...facts,
            failureCode: payment.failureCode!,
            failureMessage: payment.failureMessage ?? '',
            completedAt,
          },
        });
      case 'canceled':
      case 'expired': {
        // A held payment that ends uncaptured gives its hold back: all of it, to the source.
        if (from === 'requires_capture') {
          await this.publish(payment.id, 'transfer.release_requested', {
            version: 1,
            subject,
            data: { transferId, kind: 'payment', reason: payment.status === 'canceled' ? 'CANCELED' : 'EXPIRED' },
          });
        }
        const type = payment.status === 'canceled' ? 'payment.canceled' : 'payment.expired';
        return this.publish(payment.id, type, { version: 1, subject, data: { ...facts, completedAt } });
      }
      case 'pending':
      case 'requires_review':
        return;
    }
  }
}
