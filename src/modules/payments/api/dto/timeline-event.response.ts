import { ApiProperty } from '@nestjs/swagger';
import type { TimelineEntry } from '../../domain/timeline';

export class TimelineEventResponse {
  @ApiProperty({ description: 'The event id' }) id: string;
  @ApiProperty({ example: 'risk.assessed' }) type: string;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ example: 'risk', description: 'The module that published it' }) source: string;
  @ApiProperty({ type: String, nullable: true, description: 'The X-Request-Id of the request that started it all' })
  correlationId: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The event (or request) that caused this one' })
  causationId: string | null;
  @ApiProperty() occurredAt: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) data: Record<string, unknown>;

  static from(entry: TimelineEntry): TimelineEventResponse {
    return { ...entry, occurredAt: entry.occurredAt.toISOString() };
  }
}
