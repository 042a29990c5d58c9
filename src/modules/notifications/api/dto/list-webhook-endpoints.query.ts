import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { NormalizeId, PageQueryDto } from '../../../../platform/http';

export class ListWebhookEndpointsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only the endpoints limited to this account' })
  @IsOptional()
  @NormalizeId()
  @IsUUID()
  accountId?: string;
}
