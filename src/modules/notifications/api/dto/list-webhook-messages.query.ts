import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '../../../../platform/http';
import { WEBHOOK_MESSAGE_STATUSES, type WebhookMessageStatus } from '../../domain/webhook-message';

export class ListWebhookMessagesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: WEBHOOK_MESSAGE_STATUSES })
  @IsOptional()
  @IsIn(WEBHOOK_MESSAGE_STATUSES)
  status?: WebhookMessageStatus;
}
