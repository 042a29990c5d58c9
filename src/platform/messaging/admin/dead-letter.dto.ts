import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { PageQueryDto } from '../../http/pagination/page-query.dto';

export class DeadLetterDto {
  @ApiProperty({ description: 'Delivery id' })
  id: string;

  @ApiProperty({ example: 'notifications.notify-accounts' })
  consumer: string;

  @ApiProperty()
  eventId: string;

  @ApiProperty({ example: 'payment.succeeded' })
  eventType: string;

  @ApiProperty()
  eventVersion: number;

  @ApiProperty({ description: 'The ordering key of the event (the aggregate id)' })
  subject: string;

  @ApiProperty()
  attempts: number;

  @ApiProperty({ type: String, nullable: true })
  lastError: string | null;

  @ApiProperty({ description: 'When the event was published' })
  occurredAt: string;

  @ApiProperty({ description: 'When the delivery gave up' })
  deadAt: string;

  @ApiProperty({ description: 'The event payload', type: 'object', additionalProperties: true })
  data: Record<string, unknown>;
}

export class DeadLetterFilterDto {
  @ApiPropertyOptional({ description: 'Only this consumer' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  consumer?: string;

  @ApiPropertyOptional({ description: 'Only this event type', example: 'payment.created' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  eventType?: string;

  @ApiPropertyOptional({ description: 'Only events about this subject' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  subject?: string;
}

export class DeadLetterQueryDto extends IntersectionType(PageQueryDto, DeadLetterFilterDto) {}

export class RetriedDto {
  @ApiProperty({ description: 'How many deliveries were put back in the queue' })
  retried: number;
}

export class ReplayEventDto {
  @ApiPropertyOptional({ description: 'Only redeliver to this consumer (default: every consumer of the event)' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  consumer?: string;
}

export class ReplayedDto {
  @ApiProperty({
    description: 'How many deliveries were queued again. Consumers that already handled the event skip it (inbox).',
  })
  replayed: number;
}
