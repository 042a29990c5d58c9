import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '../../../../platform/http/pagination/page-query.dto';
import { PAYMENT_STATUSES, type PaymentStatus } from '../../domain/payment-status';
import { IsTimestamp, IsResourceId } from '../../../../platform/http/validators';

export class ListPaymentsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Payments from or to this account' })
  @IsOptional()
  @IsResourceId()
  accountId?: string;

  @ApiPropertyOptional({ enum: PAYMENT_STATUSES })
  @IsOptional()
  @IsIn(PAYMENT_STATUSES)
  status?: PaymentStatus;

  @ApiPropertyOptional({ example: '2026-11-01T00:00:00Z', description: 'Created at or after (ISO 8601)' })
  @IsOptional()
  @IsTimestamp()
  createdFrom?: string;

  @ApiPropertyOptional({ example: '2026-12-01T00:00:00Z', description: 'Created before (ISO 8601)' })
  @IsOptional()
  @IsTimestamp()
  createdTo?: string;
}
