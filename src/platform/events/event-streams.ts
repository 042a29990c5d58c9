import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { isId } from '../ids';
import type { EventFilter } from './event-filter';
import { EventFeed } from './event-feed';
import { EventStore } from './event-store';
import { eventsConfig, type EventsConfig } from './events.config';
import { StreamClient } from './stream-client';

const REPLAY_PAGE = 500;

/**
 * Opens one SSE stream: subscribes the client to the live feed, then, for a `Last-Event-ID`,
 * replays from the outbox what came after that event up to where the live feed took over (live
 * events wait meanwhile), so a resume has no gap and no duplicate while the events are retained.
 */
@Injectable()
export class EventStreams {
  constructor(
    private readonly feed: EventFeed,
    private readonly store: EventStore,
    @Inject(eventsConfig.KEY) private readonly config: EventsConfig,
  ) {}

  async open(reply: FastifyReply, filter: EventFilter, lastEventId?: string): Promise<void> {
    const resumeAfter = lastEventId ? await this.resumePoint(lastEventId.trim().toLowerCase()) : undefined;
    const response = reply.raw;
    const client = new StreamClient(response, filter, this.config.stream.bufferBytes, (dropped) =>
      this.feed.drop(dropped),
    );
    response.on('close', () => this.feed.unsubscribe(client));
    reply.hijack();
    response.writeHead(200, {
      ...(reply.getHeaders() as Record<string, string>),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    try {
      if (resumeAfter !== undefined) client.beginReplay();
      const liveFrom = await this.feed.subscribe(client);
      // The first bytes say the stream is open (and, to a test, that it is subscribed).
      client.write(': connected\n\n');
      if (resumeAfter !== undefined) await this.replay(client, filter, resumeAfter, liveFrom);
    } catch (error) {
      client.close();
      this.feed.unsubscribe(client);
      throw error;
    }
  }

  private async replay(client: StreamClient, filter: EventFilter, from: bigint, upTo: bigint): Promise<void> {
    let after = from;
    while (!client.isClosed && after < upTo) {
      const page = await this.store.after(after, REPLAY_PAGE, filter, upTo);
      for (const event of page) client.replayed(event);
      if (page.length < REPLAY_PAGE) break;
      after = page[page.length - 1].seq;
      if (client.isBehind) await client.drained();
    }
    client.endReplay();
  }

  /**
   * Where to resume: after the event named, or, when it was pruned, after the last event older
   * than it (ids are UUID v7, ordered by time). Not an id at all: from now.
   */
  private async resumePoint(lastEventId: string): Promise<bigint | undefined> {
    if (!isId(lastEventId)) return undefined;
    return (await this.store.seqOf(lastEventId)) ?? (await this.store.seqBefore(lastEventId));
  }
}
