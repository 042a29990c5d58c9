import { lookup } from 'node:dns/promises';
import { Inject, Injectable } from '@nestjs/common';
import { notificationsConfig, type NotificationsConfig } from '../notifications.config';
import { parseRetryAfter, type AttemptOutcome } from '../domain/retry-schedule';
import { isPublicAddress, literalAddress } from '../domain/webhook-url';
import { signatureHeader } from '../domain/webhook-signature';

export interface WebhookRequest {
  readonly messageId: string;
  readonly url: string;
  readonly body: string;
  /** The secrets that sign it: two during a rotation's overlap. */
  readonly secrets: readonly string[];
}

/** Thrown when the worker stops while a request is out: the attempt is not counted, and the message is sent again. */
export class DeliveryInterruptedError extends Error {
  constructor() {
    super('Delivery interrupted: the worker is stopping');
    this.name = 'DeliveryInterruptedError';
  }
}

async function resolveHost(hostname: string): Promise<string[]> {
  return (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);
}

/**
 * Sends one signed Standard Webhooks request and says how it went, without throwing: a response
 * of any status, or the reason there was none (refused address, timeout, connection error).
 */
@Injectable()
export class WebhookSender {
  constructor(@Inject(notificationsConfig.KEY) private readonly config: NotificationsConfig) {}

  async send(request: WebhookRequest, interrupt: AbortSignal): Promise<AttemptOutcome> {
    const timeout = AbortSignal.timeout(this.config.webhooks.timeoutMs);
    const signal = AbortSignal.any([timeout, interrupt]);
    try {
      const refusal = await this.refusal(new URL(request.url), signal);
      if (refusal) return { kind: 'error', error: refusal };
      const timestamp = Math.floor(Date.now() / 1000);
      const response = await fetch(request.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'payments-platform-webhooks/1',
          'webhook-id': request.messageId,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signatureHeader(request.secrets, request.messageId, timestamp, request.body),
        },
        body: request.body,
        // A redirect could lead anywhere, a private address included: it counts as a failure instead.
        redirect: 'manual',
        signal,
      });
      // The body is not used: drop it so the connection can be reused.
      await response.body?.cancel().catch(() => undefined);
      return {
        kind: 'response',
        statusCode: response.status,
        retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), new Date()),
      };
    } catch (error) {
      if (interrupt.aborted) throw new DeliveryInterruptedError();
      if (timeout.aborted) return { kind: 'error', error: `Timed out after ${this.config.webhooks.timeoutMs} ms` };
      return { kind: 'error', error: describeFailure(error) };
    }
  }

  /**
   * Why the request must not be sent: the host resolves, now, to an address that is not public
   * (checked on every address, so one private record among public ones is enough to refuse).
   */
  private async refusal(url: URL, signal: AbortSignal): Promise<string | null> {
    if (this.config.webhooks.allowPrivateAddresses) return null;
    const literal = literalAddress(url.hostname);
    const addresses = literal !== null ? [literal] : await abortable(resolveHost(url.hostname), signal);
    const internal = addresses.filter((address) => !isPublicAddress(address));
    if (addresses.length === 0) return `Refused: ${url.hostname} resolves to no address`;
    if (internal.length > 0) {
      return `Refused: ${url.hostname} resolves to ${internal.join(', ')}, a private or reserved address (see WEBHOOK_ALLOW_PRIVATE_ADDRESSES)`;
    }
    return null;
  }
}

/** DNS lookups cannot be cancelled; this at least stops waiting for one. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error);
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    void promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * fetch's own errors say "fetch failed"; the cause says what happened (ECONNREFUSED, ENOTFOUND, a
 * TLS problem). Read by shape, not `instanceof`: the errors may come from another realm.
 */
function describeFailure(error: unknown): string {
  const { name, message, cause } = (error ?? {}) as { name?: unknown; message?: unknown; cause?: unknown };
  const reason = (cause ?? {}) as { code?: unknown; message?: unknown };
  const detail = [reason.code, reason.message].filter((part) => typeof part === 'string' && part !== '');
  if (detail.length > 0) return detail.join(': ');
  return typeof message === 'string' ? `${typeof name === 'string' ? name : 'Error'}: ${message}` : String(error);
}
