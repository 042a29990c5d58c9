import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { IsResourceId, PageQueryDto } from '../../../../platform/http';

export class ReviewDecisionRequest {
  @ApiPropertyOptional({ example: 'Customer confirmed by phone', maxLength: 1000 })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  note?: string;
}

export class BlockAccountRequest {
  @ApiProperty({ example: '019a4c1e-7d0b-7a51-8f9e-2b3c4d5e6f70' })
  @IsResourceId()
  accountId: string;

  @ApiPropertyOptional({ example: 'Chargeback fraud', maxLength: 500 })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  reason?: string;
}

export class ListAssessmentsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only the assessment of this payment' })
  @IsOptional()
  @IsResourceId()
  paymentId?: string;
}
