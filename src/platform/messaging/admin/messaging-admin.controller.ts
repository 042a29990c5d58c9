import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../http/api-problems.decorator';
import { ApiPageResponse, type Page } from '../../http/pagination/page';
import { ConsumerRegistry } from '../consumer-registry';
import { DeliveryStore } from '../relay/delivery-store';
import { MessagingMetrics } from '../relay/messaging-metrics';
import { RelayService } from '../relay/relay.service';
import {
  DeadLetterDto,
  DeadLetterFilterDto,
  DeadLetterQueryDto,
  ReplayEventDto,
  ReplayedDto,
  RetriedDto,
} from './dead-letter.dto';
import { MessagingAdminService } from './messaging-admin.service';
import { MessagingStatsDto } from './messaging-stats.dto';
import { RequireScope } from '../../auth/auth.decorators';

@ApiTags('Admin: messaging')
@Controller('v1/admin/messaging')
export class MessagingAdminController {
  constructor(
    private readonly admin: MessagingAdminService,
    private readonly store: DeliveryStore,
    private readonly metrics: MessagingMetrics,
    private readonly relay: RelayService,
    private readonly registry: ConsumerRegistry,
  ) {}

  @Get('stats')
  @RequireScope('admin')
  @ApiOperation({
    summary: 'Per-consumer backlog (L), throughput (λ), latency (W), dead letters and oldest pending age',
  })
  @ApiOkResponse({ type: MessagingStatsDto })
  async stats(): Promise<MessagingStatsDto> {
    const queues = new Map((await this.store.stats()).map((s) => [s.consumer, s]));
    const names = [...new Set([...this.registry.consumerNames(), ...queues.keys()])].sort();
    return {
      relay: { instance: this.relay.instanceId, running: this.relay.isRunning, workers: this.relay.workerCount },
      consumers: names.map((consumer) => {
        const queue = queues.get(consumer);
        return {
          consumer,
          backlog: queue?.backlog ?? 0,
          inFlight: queue?.inFlight ?? 0,
          dead: queue?.dead ?? 0,
          throughputPerSecond: this.metrics.throughput(consumer),
          latency: this.metrics.latencySummary(consumer),
          oldestPendingAgeSeconds: queue?.oldestPendingAgeSeconds ?? null,
          oldestActiveAgeSeconds: queue?.oldestActiveAgeSeconds ?? null,
        };
      }),
    };
  }

  @Get('dead-letters')
  @RequireScope('admin')
  @ApiOperation({ summary: 'Deliveries that went dead, newest first, with their attempts and last error' })
  @ApiPageResponse(DeadLetterDto)
  @ApiProblems(400)
  deadLetters(@Query() query: DeadLetterQueryDto): Promise<Page<DeadLetterDto>> {
    return this.admin.deadLetters(query);
  }

  @Post('dead-letters/retry')
  @RequireScope('admin')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Retry every dead delivery matching the filters (all of them when none is given)' })
  @ApiOkResponse({ type: RetriedDto })
  @ApiProblems(400)
  async retryAll(@Body() filter: DeadLetterFilterDto): Promise<RetriedDto> {
    return { retried: await this.admin.retryAll(filter) };
  }

  @Post('dead-letters/:id/retry')
  @RequireScope('admin')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Retry one dead delivery now, with a fresh set of attempts' })
  @ApiOkResponse({ type: RetriedDto })
  @ApiProblems({ status: 404, codes: ['MESSAGING.DEAD_LETTER_NOT_FOUND'] })
  async retry(@Param('id') id: string): Promise<RetriedDto> {
    await this.admin.retry(id);
    return { retried: 1 };
  }

  @Post('events/:id/replay')
  @RequireScope('admin')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Deliver an event again',
    description:
      'Consumers that already handled the event find it in their inbox and skip it: a replay never applies an effect twice.',
  })
  @ApiOkResponse({ type: ReplayedDto })
  @ApiProblems(400, { status: 404, codes: ['MESSAGING.EVENT_NOT_FOUND'] })
  async replay(@Param('id') id: string, @Body() body: ReplayEventDto): Promise<ReplayedDto> {
    return { replayed: await this.admin.replay(id, body.consumer) };
  }
}
