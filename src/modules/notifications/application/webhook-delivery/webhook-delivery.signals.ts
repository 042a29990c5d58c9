/** In-process signal (via @nestjs/event-emitter) after a commit that made webhook messages due: wakes the worker. */
export const WEBHOOK_MESSAGES_DUE = 'notifications.webhook-messages-due';
