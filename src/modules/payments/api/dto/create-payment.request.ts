import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { CAPTURE_METHODS, type CaptureMethod } from '../../domain/payment';
import { IsAmount, IsCurrency, IsMetadata, IsResourceId } from '../../../../platform/http';

export class CreatePaymentRequest {
  @ApiProperty({ example: '019a4c1e-7d0b-7a51-8f9e-2b3c4d5e6f70', description: 'The account the money leaves' })
  @IsResourceId()
  sourceAccountId: string;

  @ApiProperty({
    example: '019a4c1e-9a2f-7c11-a0b1-c2d3e4f5a6b7',
    description: 'The account the money enters; must differ from the source',
  })
  @IsResourceId()
  destinationAccountId: string;

  @ApiProperty({ example: 1050, description: 'Positive integer in minor units (1050 = 10.50 USD)' })
  @IsAmount()
  amount: number;

  @ApiProperty({ example: 'USD', description: 'ISO 4217; both accounts must hold this currency' })
  @IsCurrency()
  currency: string;

  @ApiPropertyOptional({ example: 'Invoice 2026-117', maxLength: 500 })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  description?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' } })
  @IsOptional()
  @IsMetadata()
  metadata?: Record<string, string>;

  @ApiPropertyOptional({
    enum: CAPTURE_METHODS,
    default: 'automatic',
    description:
      '`automatic`: the money moves once risk approves. `manual`: it is held on the source account (`requires_capture`) ' +
      'until you capture it (`POST /v1/payments/{id}/capture`), cancel it, or `captureBefore` passes',
  })
  @IsOptional()
  @IsIn(CAPTURE_METHODS)
  captureMethod?: CaptureMethod;
}
