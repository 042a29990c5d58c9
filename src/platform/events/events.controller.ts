import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CallerOwner, RequireScope } from '../auth/auth.decorators';
import { ResourceNotFoundError } from '../errors/domain-error';
import { ApiProblems } from '../http/api-problems.decorator';
import { ApiPageResponse, toPage, type Page } from '../http/pagination/page';
import { EventDto } from './event.dto';
import { EventStore } from './event-store';
import { EventStreams } from './event-streams';
import { EventFilterQueryDto, ListEventsQueryDto, toEventFilter } from './events.query';

const OWNER_NOTE =
  'An owner-bound key sees only the events about its own accounts and their payments; a platform key sees all.';

@ApiTags('Events')
@Controller('v1/events')
export class EventsController {
  constructor(
    private readonly store: EventStore,
    private readonly streams: EventStreams,
  ) {}

  @Get()
  @RequireScope('events:read')
  @ApiOperation({
    summary: 'List the integration events published, newest first',
    description: `Events are kept for EVENTS_RETENTION_HOURS. ${OWNER_NOTE}`,
  })
  @ApiPageResponse(EventDto)
  @ApiProblems(400)
  async list(@Query() query: ListEventsQueryDto, @CallerOwner() owner: string | null): Promise<Page<EventDto>> {
    const rows = await this.store.list(toEventFilter(query, owner), query.limit, query.startingAfter);
    return toPage(rows, query.limit);
  }

  @Get('stream')
  @RequireScope('events:read')
  @ApiOperation({
    summary: 'Follow the events live (Server-Sent Events)',
    description:
      'One message per event: `id:` the event id, `event:` its type, `data:` the envelope, oldest first. ' +
      'A `: heartbeat` comment every EVENTS_STREAM_HEARTBEAT_MS (15 s). Reconnect with `Last-Event-ID` to ' +
      'receive what came after that event, with no gap and no duplicate while it is retained. A client that ' +
      `falls more than EVENTS_STREAM_BUFFER_BYTES behind is disconnected. Same filters as the list. ${OWNER_NOTE}`,
  })
  @ApiProduces('text/event-stream')
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'Resume after this event' })
  @ApiOkResponse({
    description: 'An endless text/event-stream',
    content: { 'text/event-stream': { schema: { type: 'string' } } },
  })
  @ApiProblems(400)
  async stream(
    @Query() query: EventFilterQueryDto,
    @CallerOwner() owner: string | null,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.streams.open(reply, toEventFilter(query, owner), lastEventId);
  }

  @Get(':id')
  @RequireScope('events:read')
  @ApiOperation({ summary: 'Get an event', description: OWNER_NOTE })
  @ApiOkResponse({ type: EventDto })
  @ApiProblems({ status: 404, codes: ['EVENTS.EVENT_NOT_FOUND'] })
  async get(@Param('id') id: string, @CallerOwner() owner: string | null): Promise<EventDto> {
    const event = await this.store.get(id, owner);
    if (!event) throw new ResourceNotFoundError('EVENTS.EVENT_NOT_FOUND', `No event ${id} (it may have been pruned)`);
    return event;
  }
}
