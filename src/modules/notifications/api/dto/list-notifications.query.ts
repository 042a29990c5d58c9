import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsUUID } from 'class-validator';
import { NormalizeId, PageQueryDto } from '../../../../platform/http';
import { NOTIFICATION_AUDIENCES, type NotificationAudience } from '../../domain/notification';
import { QueryBoolean } from './query-boolean';

export class ListNotificationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: "Only this account's notifications" })
  @IsOptional()
  @IsUUID()
  @NormalizeId()
  accountId?: string;

  @ApiPropertyOptional({ enum: NOTIFICATION_AUDIENCES, description: '`operators` lists risk reviews waiting' })
  @IsOptional()
  @IsIn(NOTIFICATION_AUDIENCES)
  audience?: NotificationAudience;

  @ApiPropertyOptional({ type: Boolean, description: '`true`: only unread; `false`: only read' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  unread?: boolean;
}
