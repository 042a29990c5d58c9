import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CallerOwner, RequireScope } from '../auth/auth.decorators';
import { ResourceNotFoundError } from '../errors/domain-error';
import { ApiProblems } from '../http/api-problems.decorator';
import { ApiPageResponse, toPage, type Page } from '../http/pagination/page';
import { EventDto } from './event.dto';
import { EventStore } from './event-store';
import { ListEventsQueryDto, toEventFilter } from './events.query';

const OWNER_NOTE =
  'An owner-bound key sees only the events about its own accounts and their payments; a platform key sees all.';

@ApiTags('Events')
@Controller('v1/events')
export class EventsController {
  constructor(private readonly store: EventStore) {}

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
