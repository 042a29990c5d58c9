import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  ValidateBy,
} from 'class-validator';
import { ALL_EVENT_TYPES, WEBHOOK_EVENT_TYPES } from '../../domain/notifiable-events';
import { isWebhookUrl, MAX_URL_LENGTH } from '../../domain/webhook-url';
import { IsOmittable, NormalizeId } from '../../../../platform/http';

const EVENT_TYPE_CHOICES = [ALL_EVENT_TYPES, ...WEBHOOK_EVENT_TYPES];
const EVENT_TYPES_DESCRIPTION = `Event types to receive, or \`["*"]\` for all. One of: ${WEBHOOK_EVENT_TYPES.join(', ')}`;

function IsWebhookUrl() {
  return ValidateBy({
    name: 'isWebhookUrl',
    validator: {
      validate: isWebhookUrl,
      defaultMessage: () => `must be an http or https URL without credentials, of at most ${MAX_URL_LENGTH} characters`,
    },
  });
}

function IsEventTypeList() {
  return applyDecorators(
    IsArray(),
    ArrayMinSize(1),
    ArrayMaxSize(EVENT_TYPE_CHOICES.length),
    IsIn(EVENT_TYPE_CHOICES, {
      each: true,
      message: `each value must be "*" or one of ${WEBHOOK_EVENT_TYPES.join(', ')}`,
    }),
  );
}

export class CreateWebhookEndpointRequest {
  @ApiProperty({ example: 'https://example.com/webhooks/payments', maxLength: MAX_URL_LENGTH })
  @IsWebhookUrl()
  url: string;

  @ApiProperty({ example: ['payment.succeeded', 'payment.failed'], description: EVENT_TYPES_DESCRIPTION })
  @IsEventTypeList()
  eventTypes: string[];

  @ApiPropertyOptional({ example: 'Order service', maxLength: 500 })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  description?: string;

  @ApiPropertyOptional({
    description: 'Only events about this account (as payer, payee or account of a deposit or withdrawal)',
  })
  @IsOptional()
  @IsUUID()
  @NormalizeId()
  accountId?: string;
}

export class UpdateWebhookEndpointRequest {
  @ApiPropertyOptional({ example: 'https://example.com/webhooks/payments', maxLength: MAX_URL_LENGTH })
  @IsOmittable()
  @IsWebhookUrl()
  url?: string;

  @ApiPropertyOptional({ example: ['*'], description: EVENT_TYPES_DESCRIPTION })
  @IsOmittable()
  @IsEventTypeList()
  eventTypes?: string[];

  @ApiPropertyOptional({
    description: 'false pauses delivery (queued messages wait, no new ones are recorded); true resumes it',
  })
  @IsOmittable()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 500, description: 'null clears it' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  description?: string | null;
}
