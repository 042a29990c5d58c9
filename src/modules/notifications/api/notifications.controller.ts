import { Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CallerOwner, RequireScope } from '../../../platform/auth';
import { ApiPageResponse, ApiProblems, type Page } from '../../../platform/http';
import { MarkNotificationReadCommand } from '../application/commands/mark-notification-read/mark-notification-read.command';
import { ListNotificationsQuery } from '../application/queries/list-notifications/list-notifications.query';
import { ListNotificationsQueryDto } from './dto/list-notifications.query';
import { NotificationResponse } from './dto/notification.response';

@ApiTags('Notifications')
@Controller('v1/notifications')
export class NotificationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @RequireScope('notifications:read')
  @ApiOperation({
    summary: 'The notification feed, newest first',
    description:
      "Filter with `accountId` for one account's feed, or `audience=operators` for the payments waiting for a risk review.",
  })
  @ApiPageResponse(NotificationResponse)
  @ApiProblems(400)
  async list(
    @Query() query: ListNotificationsQueryDto,
    @CallerOwner() owner: string | null,
  ): Promise<Page<NotificationResponse>> {
    const { limit, startingAfter, ...filter } = query;
    const page = await this.queries.execute(
      new ListNotificationsQuery({ ...filter, ownerId: owner }, limit, startingAfter),
    );
    return { ...page, data: page.data.map((notification) => NotificationResponse.from(notification)) };
  }

  @Post(':id/read')
  @RequireScope('notifications:read')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Mark a notification read (again is a no-op: `readAt` keeps the first time)' })
  @ApiOkResponse({ type: NotificationResponse })
  @ApiProblems({ status: 404, codes: ['NOTIFICATIONS.NOTIFICATION_NOT_FOUND'] })
  async markRead(@Param('id') id: string, @CallerOwner() owner: string | null): Promise<NotificationResponse> {
    return NotificationResponse.from(await this.commands.execute(new MarkNotificationReadCommand(id, owner)));
  }
}
