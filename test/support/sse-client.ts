import { request, type ClientRequest, type IncomingMessage } from 'node:http';
import { eventually } from './eventually';
import { TEST_ADMIN_API_KEY } from './test-env';

export interface SseMessage {
  id: string;
  event: string;
  data: { id: string; type: string; subject: string; [field: string]: unknown };
}

/** A Server-Sent Events client over a real connection: it parses messages as they come. */
export class SseClient {
  readonly messages: SseMessage[] = [];
  readonly comments: string[] = [];
  ended = false;
  private pending = '';

  private constructor(
    private readonly req: ClientRequest,
    readonly response: IncomingMessage,
  ) {
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => this.parse(chunk));
    response.on('end', () => (this.ended = true));
    response.on('close', () => (this.ended = true));
    response.on('error', () => (this.ended = true));
  }

  /** Opens `path` and resolves once the server said the stream is open (its first comment). */
  static open(url: string, path: string, options: { key?: string; lastEventId?: string } = {}): Promise<SseClient> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string> = {
        authorization: `Bearer ${options.key ?? TEST_ADMIN_API_KEY}`,
        accept: 'text/event-stream',
      };
      if (options.lastEventId) headers['last-event-id'] = options.lastEventId;
      const req = request(`${url}${path}`, { headers });
      req.on('error', reject);
      req.on('response', (response) => {
        const client = new SseClient(req, response);
        if (response.statusCode !== 200) return resolve(client);
        response.once('data', () => resolve(client));
      });
      req.end();
    });
  }

  get status(): number | undefined {
    return this.response.statusCode;
  }

  /** Waits until a message passes `predicate`, and returns it. */
  waitFor(predicate: (message: SseMessage) => boolean, timeoutMs = 15_000): Promise<SseMessage> {
    return eventually(
      () => {
        const found = this.messages.find(predicate);
        if (!found) throw new Error(`no such message among ${this.messages.length}`);
        return Promise.resolve(found);
      },
      { timeoutMs },
    );
  }

  close(): void {
    this.req.destroy();
  }

  private parse(chunk: string): void {
    this.pending += chunk;
    let end: number;
    while ((end = this.pending.indexOf('\n\n')) >= 0) {
      const block = this.pending.slice(0, end);
      this.pending = this.pending.slice(end + 2);
      const fields: Record<string, string> = {};
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) this.comments.push(line.slice(1).trim());
        const colon = line.indexOf(':');
        if (colon > 0) fields[line.slice(0, colon)] = line.slice(colon + 1).trimStart();
      }
      if (fields.data !== undefined)
        this.messages.push({ id: fields.id, event: fields.event, data: JSON.parse(fields.data) as SseMessage['data'] });
    }
  }
}
