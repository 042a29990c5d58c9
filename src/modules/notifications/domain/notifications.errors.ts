import { DomainError, InvalidRequestError, ResourceNotFoundError } from '../../../platform/errors';

/** An owner-bound key's endpoint must name one of its owner's accounts. */
export class EndpointAccountRequiredError extends InvalidRequestError {
  constructor() {
    super('REQUEST.VALIDATION_FAILED', 'A key bound to an owner registers endpoints for one of its accounts', [
      { field: 'accountId', message: 'is required for an API key bound to an owner' },
    ]);
  }
}

export class EndpointAccountNotFoundError extends ResourceNotFoundError {
  constructor(accountId: string) {
    super('NOTIFICATIONS.ACCOUNT_NOT_FOUND', `No account ${accountId}`);
  }
}

export class NotificationNotFoundError extends DomainError {
  readonly code = 'NOTIFICATIONS.NOTIFICATION_NOT_FOUND';
  readonly kind = 'not_found';
  readonly title = 'Notification not found';

  constructor(notificationId: string) {
    super(`No notification ${notificationId}`);
  }
}

export class WebhookEndpointNotFoundError extends DomainError {
  readonly code = 'NOTIFICATIONS.ENDPOINT_NOT_FOUND';
  readonly kind = 'not_found';
  readonly title = 'Webhook endpoint not found';

  constructor(endpointId: string) {
    super(`No webhook endpoint ${endpointId}`);
  }
}

export class WebhookMessageNotFoundError extends DomainError {
  readonly code = 'NOTIFICATIONS.MESSAGE_NOT_FOUND';
  readonly kind = 'not_found';
  readonly title = 'Webhook message not found';

  constructor(messageId: string) {
    super(`No webhook message ${messageId}`);
  }
}

/** A URL whose host is a private, loopback or otherwise internal address, refused while such receivers are not allowed. */
export class WebhookUrlNotAllowedError extends DomainError {
  readonly code = 'NOTIFICATIONS.URL_NOT_ALLOWED';
  readonly kind = 'invalid';
  readonly title = 'Webhook URL not allowed';

  constructor(reason: string) {
    super(`The webhook URL is not allowed: ${reason}`, [{ field: 'url', message: reason }]);
  }
}

export class WebhookEndpointDisabledError extends DomainError {
  readonly code = 'NOTIFICATIONS.ENDPOINT_DISABLED';
  readonly kind = 'conflict';
  readonly title = 'Webhook endpoint disabled';

  constructor(endpointId: string) {
    super(`Webhook endpoint ${endpointId} is disabled: enable it before sending it messages`);
  }
}

export class WebhookMessageInFlightError extends DomainError {
  readonly code = 'NOTIFICATIONS.MESSAGE_IN_FLIGHT';
  readonly kind = 'conflict';
  readonly title = 'Webhook message being sent';

  constructor(messageId: string) {
    super(`Webhook message ${messageId} is being sent right now; retry once this attempt is recorded`);
  }
}

/** An event that breaks its contract (an amount that is not a safe integer, an unknown currency). Never retried. */
export class MalformedEventError extends DomainError {
  readonly code = 'NOTIFICATIONS.MALFORMED_EVENT';
  readonly kind = 'unprocessable';
  readonly title = 'Malformed event';

  constructor(eventId: string, problem: string) {
    super(`Event ${eventId} cannot be described: ${problem}`);
  }
}
