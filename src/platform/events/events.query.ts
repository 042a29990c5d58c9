import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { PageQueryDto } from '../http/pagination/page-query.dto';
import { IsTimestamp, NormalizeId } from '../http/validators';
import { EVENT_TYPE_FILTER, type EventFilter } from './event-filter';

/** The filters the list and the stream share. */
export class EventFilterQueryDto {
  @ApiPropertyOptional({
    example: 'payment.*',
    description: 'An exact type (`payment.succeeded`) or a prefix wildcard (`payment.*`)',
  })
  @IsOptional()
  @Matches(EVENT_TYPE_FILTER, {
    message: 'must be an event type such as payment.succeeded, or a prefix such as payment.*',
  })
  type?: string;

  @ApiPropertyOptional({ description: 'Only events about this subject (a payment id, an account id)' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @NormalizeId()
  subject?: string;

  @ApiPropertyOptional({ example: '2026-11-01T00:00:00Z', description: 'Occurred at or after (ISO 8601)' })
  @IsOptional()
  @IsTimestamp()
  createdFrom?: string;

  @ApiPropertyOptional({ example: '2026-12-01T00:00:00Z', description: 'Occurred before (ISO 8601)' })
  @IsOptional()
  @IsTimestamp()
  createdTo?: string;
}

/** The filters and a page: `limit`, `startingAfter`. */
export class ListEventsQueryDto extends IntersectionType(PageQueryDto, EventFilterQueryDto) {}

/** The query's filters for `ownerId` (null: every event). */
export function toEventFilter(query: EventFilterQueryDto, ownerId: string | null): EventFilter {
  return {
    type: query.type,
    subject: query.subject,
    createdFrom: query.createdFrom ? new Date(query.createdFrom) : undefined,
    createdTo: query.createdTo ? new Date(query.createdTo) : undefined,
    ownerId,
  };
}
