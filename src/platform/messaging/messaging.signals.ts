/** In-process signals (via @nestjs/event-emitter): wake-ups only, never the events themselves. */
export const OUTBOX_COMMITTED = 'messaging.outbox-committed';

/** The PostgreSQL channel other instances LISTEN on; the payload is empty, a wake-up only. */
export const OUTBOX_CHANNEL = 'platform_outbox';
