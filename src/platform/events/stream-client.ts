import type { ServerResponse } from 'node:http';
import { typeMatches, type EventFilter } from './event-filter';
import type { StoredEvent } from './event-store';

/** One SSE message: `id:` the event id, `event:` its type, `data:` the envelope. */
export function sseMessage(event: StoredEvent): string {
  return `id: ${event.envelope.id}\nevent: ${event.envelope.type}\ndata: ${JSON.stringify(event.envelope)}\n\n`;
}

/**
 * One connected stream client. Writes never wait: what the socket does not take is queued, and a
 * client more than `buffer` messages behind is dropped (it resumes with Last-Event-ID), so a slow
 * or stuck reader costs the feed a bounded amount of memory and no time.
 */
export class StreamClient {
  private queue: string[] = [];
  private queuedBytes = 0;
  private blocked = false;
  private closed = false;
  /** Corked by `cork` and not yet uncorked: only then does `uncork` undo it. */
  private corked = false;
  /** Live events that arrive while the client is still replaying what it missed. */
  private held: Array<{ seq: bigint; message: string }> | null = null;
  private heldBytes = 0;
  /** What the replay sent, so that a held live event (a late commit) is not sent twice. */
  private replayedSeqs = new Set<bigint>();

  constructor(
    private readonly response: ServerResponse,
    private readonly filter: EventFilter,
    private readonly bufferBytes: number,
    private readonly onDropped: (client: StreamClient) => void,
  ) {
    response.on('drain', () => this.flush());
    response.on('close', () => this.close());
  }

  get isClosed(): boolean {
    return this.closed;
  }

  matches(event: StoredEvent): boolean {
    const { envelope, owners } = event;
    const f = this.filter;
    if (!typeMatches(f.type, envelope.type)) return false;
    if (f.subject !== undefined && envelope.subject !== f.subject) return false;
    if (f.createdFrom || f.createdTo) {
      const occurredAt = Date.parse(envelope.occurredAt);
      if (f.createdFrom && occurredAt < f.createdFrom.getTime()) return false;
      if (f.createdTo && occurredAt >= f.createdTo.getTime()) return false;
    }
    return f.ownerId === null || owners.includes(f.ownerId);
  }

  /** From now on, live events wait until `endReplay` (the replay of what the client missed). */
  beginReplay(): void {
    this.held = [];
  }

  /** A replayed event, read from the outbox (already filtered by the query). */
  replayed(event: StoredEvent): void {
    this.replayedSeqs.add(event.seq);
    this.write(sseMessage(event));
  }

  endReplay(): void {
    const held = this.held ?? [];
    this.held = null;
    this.heldBytes = 0;
    for (const { seq, message } of held) if (!this.replayedSeqs.has(seq)) this.write(message);
    this.replayedSeqs.clear();
  }

  /** A live event from the feed, with its message (made once by the feed for every client it goes to). */
  offer(event: StoredEvent, messageOf: () => string): void {
    if (this.closed || !this.matches(event)) return;
    if (this.held) {
      const message = messageOf();
      this.held.push({ seq: event.seq, message });
      this.heldBytes += message.length;
      if (this.heldBytes > this.bufferBytes) this.drop();
      return;
    }
    this.write(messageOf());
  }

  /** Whether the replay should pause: the socket is not taking what it has. */
  get isBehind(): boolean {
    return this.blocked;
  }

  /** Resolves when the socket takes more, or the client is gone. */
  drained(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.response.off('drain', done);
        this.response.off('close', done);
        resolve();
      };
      this.response.once('drain', done);
      this.response.once('close', done);
    });
  }

  /** Holds what is written until `uncork`, to go out in one write: for a batch of events at once. */
  cork(): void {
    if (this.closed || this.corked) return;
    this.corked = true;
    this.response.cork();
  }

  uncork(): void {
    if (!this.corked) return;
    this.corked = false;
    if (!this.response.destroyed) this.response.uncork();
  }

  heartbeat(): void {
    this.write(': heartbeat\n\n');
  }

  write(chunk: string): void {
    if (this.closed) return;
    if (this.blocked) {
      this.queue.push(chunk);
      this.queuedBytes += chunk.length;
      if (this.queuedBytes > this.bufferBytes) this.drop();
      return;
    }
    if (!this.response.write(chunk)) this.blocked = true;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.queue = [];
    this.queuedBytes = 0;
    this.held = null;
    if (this.response.destroyed) return;
    // A client that stopped reading would keep an ended response (and a server shutting down) waiting.
    if (this.blocked) this.response.destroy();
    else this.response.end();
  }

  private flush(): void {
    this.blocked = false;
    while (this.queue.length > 0 && !this.blocked) {
      const chunk = this.queue.shift()!;
      this.queuedBytes -= chunk.length;
      if (!this.response.write(chunk)) this.blocked = true;
    }
  }

  private drop(): void {
    this.onDropped(this);
    this.closed = true;
    this.queue = [];
    this.queuedBytes = 0;
    this.held = null;
    // The socket may be full: end() would wait behind it, so the connection is cut.
    this.response.destroy();
  }
}
