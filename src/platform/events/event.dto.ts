import { ApiProperty } from '@nestjs/swagger';
import type { EventData, EventEnvelope } from '../messaging/integration-event';

/** An integration event as the outbox keeps it: the envelope of the contracts (API.md, "Integration events"). */
export class EventDto implements EventEnvelope {
  @ApiProperty({ example: '01936f6e-7c1a-7a3e-9d0b-3f0c2a1b4c5d', description: 'Unique; use it to deduplicate' })
  id: string;

  @ApiProperty({ example: 'payment.succeeded' })
  type: string;

  @ApiProperty({ example: 1 })
  version: number;

  @ApiProperty({ example: '2026-12-01T10:00:00.000Z' })
  occurredAt: string;

  @ApiProperty({ example: 'payments', description: 'The module that published it' })
  source: string;

  @ApiProperty({ description: 'The aggregate the event is about (a payment id, an account id); its ordering key' })
  subject: string;

  @ApiProperty({ type: String, nullable: true, description: 'The request id that started the chain' })
  correlationId: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The event or request that caused this one' })
  causationId: string | null;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The payload: primitives only' })
  data: EventData;
}
