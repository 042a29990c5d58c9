import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { IsAmount } from '../../../../platform/http';

export class CreateRefundRequest {
  @ApiPropertyOptional({ example: 500, description: 'Minor units; defaults to all that is left to refund' })
  @IsOptional()
  @IsAmount()
  amount?: number;

  @ApiPropertyOptional({ example: 'Customer returned the item', maxLength: 500 })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  reason?: string;
}
