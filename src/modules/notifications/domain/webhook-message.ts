import type { NotifiableEvent } from './notifiable-events';

export type WebhookMessageStatus = 'pending' | 'delivered' | 'failed';
export const WEBHOOK_MESSAGE_STATUSES = [
  'pending',
  'delivered',
  'failed',
] as const satisfies readonly WebhookMessageStatus[];

/**
 * The body sent for an event, serialised once when the message is recorded so that every retry
 * sends the same bytes: `{ id, type, createdAt, data }`, where `id` is the message id (also the
 * `webhook-id` header) and `createdAt` is when the event occurred.
 */
export function webhookBody(messageId: string, event: NotifiableEvent): string {
  return JSON.stringify({ id: messageId, type: event.type, createdAt: event.occurredAt, data: event.data });
}

export interface RecordedAttempt {
  readonly attemptedAt: Date;
  readonly durationMs: number;
  readonly statusCode: number | null;
  readonly error: string | null;
}

export interface WebhookAttemptView extends RecordedAttempt {
  readonly attempt: number;
}

export interface WebhookMessageView {
  readonly id: string;
  readonly endpointId: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly body: string;
  readonly status: WebhookMessageStatus;
  readonly nextAttemptAt: Date | null;
  readonly lastStatusCode: number | null;
  readonly lastError: string | null;
  readonly createdAt: Date;
  readonly finishedAt: Date | null;
  readonly attempts: WebhookAttemptView[];
}

export interface WebhookMessageFilter {
  status?: WebhookMessageStatus;
}
