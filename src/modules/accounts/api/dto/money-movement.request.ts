import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { IsAmount, IsMetadata } from '../../../../platform/http';

export class MoneyMovementRequest {
  @ApiProperty({ example: 1050, description: 'Positive integer in minor units of the account currency' })
  @IsAmount()
  amount: number;

  @ApiPropertyOptional({ example: 'bank-transfer-8812', description: 'Your reference, shown on the statement' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  reference?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' } })
  @IsOptional()
  @IsMetadata()
  metadata?: Record<string, string>;
}
