import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsAmount } from '../../../../platform/http';

export class CapturePaymentRequest {
  @ApiPropertyOptional({
    example: 800,
    description:
      'Minor units; defaults to all that is capturable. Less captures part and releases the rest to the payer',
  })
  @IsOptional()
  @IsAmount()
  amount?: number;
}
