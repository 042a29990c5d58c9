import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  readonly headers: Record<string, string>;
  /** The raw body, exactly as sent: what the signature covers. */
  readonly body: string;
  readonly receivedAt: number;
}

/** How the receiver answers: a status (and headers), or never (`hang`), to play a slow receiver. */
export type Reply = { status: number; headers?: Record<string, string> } | { hang: true };
export type Responder = (request: ReceivedWebhook, index: number) => Reply;

/** A real HTTP receiver on 127.0.0.1 (port 0) that records every request and answers as told. */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];

  private constructor(
    private readonly server: Server,
    private responder: Responder,
  ) {}

  static async start(responder: Responder = () => ({ status: 200 })): Promise<WebhookReceiver> {
    const server = createServer();
    const receiver = new WebhookReceiver(server, responder);
    server.on('request', (request: IncomingMessage, response: ServerResponse) => receiver.handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** The URL to register; `host` may name the same receiver differently (e.g. `localhost`). */
  url(host = '127.0.0.1'): string {
    return `http://${host}:${this.port}/hooks`;
  }

  respondWith(responder: Responder): void {
    this.responder = responder;
  }

  /** The Standard Webhooks headers of a received request, as `Webhook.verify` takes them. */
  static signatureHeaders(webhook: ReceivedWebhook): Record<string, string> {
    return {
      'webhook-id': webhook.headers['webhook-id'],
      'webhook-timestamp': webhook.headers['webhook-timestamp'],
      'webhook-signature': webhook.headers['webhook-signature'],
    };
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const webhook: ReceivedWebhook = {
        headers: Object.fromEntries(
          Object.entries(request.headers).map(([name, value]) => [
            name,
            Array.isArray(value) ? value.join(', ') : (value ?? ''),
          ]),
        ),
        body: Buffer.concat(chunks).toString('utf8'),
        receivedAt: Date.now(),
      };
      this.received.push(webhook);
      const reply = this.responder(webhook, this.received.length - 1);
      if ('hang' in reply) return;
      response.writeHead(reply.status, reply.headers).end();
    });
  }
}
