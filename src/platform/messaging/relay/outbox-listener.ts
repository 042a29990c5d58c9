import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { OUTBOX_CHANNEL, readOutboxNotice } from '../messaging.signals';

/** The application_name of every LISTEN connection, followed by its instance's OUTBOX_ORIGIN. */
export const LISTENER_NAME = 'payments-platform-listener';
const RECONNECT_MIN_MS = 500;
const RECONNECT_MAX_MS = 30_000;

/** The application_name of a LISTEN connection of the instance `origin` (PostgreSQL keeps 63 bytes of it). */
export function listenerName(origin: string): string {
  return `${LISTENER_NAME} ${origin}`.slice(0, 63);
}

/**
 * Holds one dedicated connection LISTENing for outbox commits from any instance, and reconnects
 * with backoff when it drops. Polling stays on as the safety net, so a lost notification only
 * costs latency, never an event.
 */
export class OutboxListener {
  private readonly logger = new Logger(OutboxListener.name);
  private client?: Client;
  private stopped = false;
  private retryMs = RECONNECT_MIN_MS;
  private reconnectTimer?: NodeJS.Timeout;

  constructor(
    private readonly url: string,
    /** Called with the consumers a commit gave work to, or with none when any may have some. */
    private readonly onNotification: (consumers?: readonly string[]) => void,
    /** This instance's OUTBOX_ORIGIN: its own commits are not passed on (the in-process signal told of them). */
    private readonly origin: string,
  ) {}

  start(): void {
    this.stopped = false;
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.url, application_name: listenerName(this.origin) });
    client.on('notification', ({ payload }) => {
      const { origin, consumers } = readOutboxNotice(payload);
      // A notice that names no origin (an older instance's) is never our own.
      if (origin !== this.origin) this.onNotification(consumers);
    });
    client.on('error', (error) => this.reconnect(client, error));
    client.on('end', () => this.reconnect(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
      if (this.stopped) {
        await client.end();
        return;
      }
      this.client = client;
      this.retryMs = RECONNECT_MIN_MS;
      // Anything committed while we were not listening is found by this extra poll.
      this.onNotification();
    } catch (error) {
      this.reconnect(client, error);
    }
  }

  private reconnect(client: Client, error?: unknown): void {
    if (this.client === client) this.client = undefined;
    client.removeAllListeners();
    client.on('error', () => undefined);
    void client.end().catch(() => undefined);
    if (this.stopped || this.reconnectTimer) return;
    if (error)
      this.logger.warn(
        `LISTEN connection lost (${error instanceof Error ? error.message : 'unknown error'}); reconnecting in ${this.retryMs} ms`,
      );
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      void this.connect();
    }, this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, RECONNECT_MAX_MS);
  }
}
