/** In-process signals (via @nestjs/event-emitter): wake-ups only, never the events themselves. */
export const OUTBOX_COMMITTED = 'messaging.outbox-committed';

/**
 * The PostgreSQL channel other instances LISTEN on, a wake-up only. Its payload is the sending
 * instance's OUTBOX_ORIGIN, a space, and the consumers the commit gave work to, comma separated.
 */
export const OUTBOX_CHANNEL = 'platform_outbox';

/**
 * Names this application instance (a string) in the NOTIFY payloads it sends. Its own listeners
 * skip those: OUTBOX_COMMITTED told them already. It also names its LISTEN connections (see
 * listenerName), so that ListenerPresence can tell them from other instances'.
 */
export const OUTBOX_ORIGIN = 'messaging.outbox-origin';

/** The NOTIFY payload (see OUTBOX_CHANNEL) for a commit of `origin` that gave `consumers` work. */
export function outboxNotice(origin: string, consumers: readonly string[]): string {
  return consumers.length === 0 ? '' : `${origin} ${consumers.join(',')}`;
}

/** Reads a NOTIFY payload: who sent it (undefined when it does not say), and the consumers it names (none: any). */
export function readOutboxNotice(payload: string | undefined): { origin?: string; consumers?: string[] } {
  if (!payload) return {};
  const space = payload.indexOf(' ');
  return space < 0
    ? { consumers: payload.split(',') }
    : { origin: payload.slice(0, space), consumers: payload.slice(space + 1).split(',') };
}
