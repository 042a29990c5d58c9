import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Length } from 'class-validator';
import { IsCurrency, IsMetadata } from '../../../../platform/http';

export class OpenAccountRequest {
  @ApiProperty({ example: 'Main wallet', minLength: 1, maxLength: 200 })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ example: 'USD', description: 'ISO 4217 code; the account holds only this currency' })
  @IsCurrency()
  currency: string;

  @ApiPropertyOptional({ example: 'customer-42', description: 'Your id for the account holder' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  ownerId?: string;

  @ApiPropertyOptional({
    example: { team: 'growth' },
    description: 'Up to 20 string key/value pairs',
    type: 'object',
    additionalProperties: { type: 'string' },
  })
  @IsOptional()
  @IsMetadata()
  metadata?: Record<string, string>;

  @ApiPropertyOptional({ default: false, description: 'Whether the balance may go below zero' })
  @IsOptional()
  @IsBoolean()
  allowOverdraft?: boolean;
}
