import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../http/api-problems.decorator';
import { ApiPageResponse, type Page } from '../../http/pagination/page';
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
import { MessagingStatsService } from './messaging-stats.service';

@ApiTags('Admin: messaging')
@Controller('v1/admin/messaging')
export class MessagingAdminController {
  constructor(
    private readonly admin: MessagingAdminService,
    private readonly statsService: MessagingStatsService,
  ) {}

  @Get('stats')
  @RequireScope('admin')
  @ApiOperation({
    summary: 'Per-consumer backlog (L), throughput (λ), latency (W), dead letters and oldest pending age',
  })
  @ApiOkResponse({ type: MessagingStatsDto })
  stats(): Promise<MessagingStatsDto> {
    return this.statsService.stats();
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
