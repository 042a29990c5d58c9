import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { PageQueryDto } from '../../../../platform/http/pagination/page-query.dto';
import { NormalizeId } from '../../../../platform/http/validators';

export class ListWebhookEndpointsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only the endpoints limited to this account' })
  @IsOptional()
  @NormalizeId()
  @IsUUID()
  accountId?: string;
}
