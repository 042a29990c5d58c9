import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { Agent as HttpAgent, request as httpRequest, type ClientRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
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

/** The receiver's host is, or resolves to, an address that is not public. */
class AddressRefusedError extends Error {
  constructor(host: string, addresses: readonly string[]) {
    super(
      addresses.length === 0
        ? `Refused: ${host} resolves to no address`
        : `Refused: ${host} resolves to ${addresses.join(', ')}, a private or reserved address (see WEBHOOK_ALLOW_PRIVATE_ADDRESSES)`,
    );
    this.name = 'AddressRefusedError';
  }
}

/**
 * The DNS lookup of the request's own connection, refusing the host if any address it resolves to
 * is not public (one private record among public ones is enough). The address checked is the
 * address connected to: a DNS answer that changes between a check and the connection (rebinding)
 * has no "between" to slip through.
 */
const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, []);
    if (addresses.length === 0) return callback(new AddressRefusedError(hostname, []), []);
    const internal = addresses.map((entry) => entry.address).filter((address) => !isPublicAddress(address));
    if (internal.length > 0) return callback(new AddressRefusedError(hostname, internal), []);
    if (options.all) return callback(null, addresses);
    callback(null, addresses[0].address, addresses[0].family);
  });
};

/** Idle keep-alive connections close after this (Node's own servers keep them 5 s). */
const IDLE_SOCKET_MS = 4_000;

interface ReceiverAnswer {
  readonly statusCode: number;
  readonly retryAfter: string | undefined;
}

/**
 * Sends one signed Standard Webhooks request and says how it went, without throwing: a response
 * of any status, or the reason there was none (refused address, timeout, connection error).
 * Plain `node:http(s)` rather than `fetch`, for one reason: it lets the connection use our DNS
 * lookup, so the address check cannot be sidestepped. Redirects are not followed (they could lead
 * anywhere, a private address included): a 3xx counts as a failure.
 */
@Injectable()
export class WebhookSender implements OnApplicationShutdown {
  // Own keep-alive pools, so receivers get reused connections and nothing else shares them. An
  // idle connection is closed after a few seconds, before most servers close theirs: reusing one
  // the server is closing would fail the attempt.
  private readonly agents = {
    http: new HttpAgent({ keepAlive: true, timeout: IDLE_SOCKET_MS, scheduling: 'lifo' }),
    https: new HttpsAgent({ keepAlive: true, timeout: IDLE_SOCKET_MS, scheduling: 'lifo' }),
  };

  constructor(@Inject(notificationsConfig.KEY) private readonly config: NotificationsConfig) {}

  /** After the delivery worker has stopped (it does so before shutdown): no request is still out. */
  onApplicationShutdown(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  async send(request: WebhookRequest, interrupt: AbortSignal): Promise<AttemptOutcome> {
    const timeout = AbortSignal.timeout(this.config.webhooks.timeoutMs);
    const signal = AbortSignal.any([timeout, interrupt]);
    const url = new URL(request.url);
    try {
      // An address written in the URL is connected to without any lookup: check it here.
      const literal = literalAddress(url.hostname);
      if (!this.config.webhooks.allowPrivateAddresses && literal !== null && !isPublicAddress(literal)) {
        throw new AddressRefusedError(url.hostname, [literal]);
      }
      const timestamp = Math.floor(Date.now() / 1000);
      const answer = await this.post(url, request.body, signal, {
        'content-type': 'application/json',
        'user-agent': 'payments-platform-webhooks/1',
        'webhook-id': request.messageId,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signatureHeader(request.secrets, request.messageId, timestamp, request.body),
      });
      return {
        kind: 'response',
        statusCode: answer.statusCode,
        retryAfterMs: parseRetryAfter(answer.retryAfter ?? null, new Date()),
      };
    } catch (error) {
      if (interrupt.aborted) throw new DeliveryInterruptedError();
      if (timeout.aborted) return { kind: 'error', error: `Timed out after ${this.config.webhooks.timeoutMs} ms` };
      if (error instanceof AddressRefusedError) return { kind: 'error', error: error.message };
      return { kind: 'error', error: describeFailure(error) };
    }
  }

  /** POSTs `body` and resolves with the status once the response's head arrives; its body is drained unread. */
  private post(url: URL, body: string, signal: AbortSignal, headers: Record<string, string>): Promise<ReceiverAnswer> {
    const https = url.protocol === 'https:';
    return new Promise<ReceiverAnswer>((resolve, reject) => {
      const outgoing: ClientRequest = (https ? httpsRequest : httpRequest)(
        url,
        {
          method: 'POST',
          headers: { ...headers, 'content-length': Buffer.byteLength(body) },
          agent: https ? this.agents.https : this.agents.http,
          lookup: this.config.webhooks.allowPrivateAddresses ? undefined : publicOnlyLookup,
          signal,
        },
        (response) => {
          // Read to the end (the connection can then be reused); the timeout still cuts an endless body.
          response.resume();
          response.on('error', () => undefined);
          const retryAfter = response.headers['retry-after'];
          resolve({ statusCode: response.statusCode ?? 0, retryAfter });
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  }
}

/**
 * What went wrong, in the words that help an operator: the system error code (ECONNREFUSED,
 * ENOTFOUND, a TLS code) with its message. Read by shape, not `instanceof`.
 */
function describeFailure(error: unknown): string {
  const { name, message, code, errors } = (error ?? {}) as {
    name?: unknown;
    message?: unknown;
    code?: unknown;
    errors?: unknown;
  };
  // Every address of the host failed (an AggregateError, whose own message is empty): say each.
  if (Array.isArray(errors) && errors.length > 0) return errors.map(describeFailure).join('; ');
  const text = typeof message === 'string' && message !== '' ? message : String(error);
  if (typeof code === 'string' && !text.includes(code)) return `${code}: ${text}`;
  return typeof name === 'string' && name !== 'Error' ? `${name}: ${text}` : text;
}
