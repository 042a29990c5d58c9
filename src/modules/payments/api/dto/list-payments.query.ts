import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IsResourceId, IsTimestamp, PageQueryDto } from '../../../../platform/http';
import { PAYMENT_STATUSES, type PaymentStatus } from '../../domain/payment-status';

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
