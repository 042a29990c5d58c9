import { ApiProperty } from '@nestjs/swagger';

export class LatencyDto {
  @ApiProperty({ type: Number, nullable: true, description: 'Mean commit-to-handled latency (W), recent sample' })
  meanMs: number | null;

  @ApiProperty({ type: Number, nullable: true })
  p50Ms: number | null;

  @ApiProperty({ type: Number, nullable: true })
  p99Ms: number | null;
}

export class ConsumerStatsDto {
  @ApiProperty({ example: 'risk.assess-payment' })
  consumer: string;

  @ApiProperty({
    type: [String],
    description: 'Instances (relay ids) that host it and answered; empty when no process hosting it is up',
  })
  hostedBy: string[];

  @ApiProperty({
    description:
      'L: events not yet handled: pending, retrying or in flight in the outbox, waiting in the broker, or held by the consuming process',
  })
  backlog: number;

  @ApiProperty({ description: 'Of the backlog, messages waiting in the partition queues of RabbitMQ (0 in-process)' })
  queuedInBroker: number;

  @ApiProperty()
  inFlight: number;

  @ApiProperty({ description: 'Dead letters waiting for an operator' })
  dead: number;

  @ApiProperty({ description: 'λ: events handled per second over the last minute, by every instance hosting it' })
  throughputPerSecond: number;

  @ApiProperty({ type: LatencyDto, description: 'W: time from outbox commit to handled' })
  latency: LatencyDto;

  @ApiProperty({ type: Number, nullable: true, description: 'Age of the oldest delivery not yet done' })
  oldestPendingAgeSeconds: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'Age of the oldest delivery that is new, due or in flight (not waiting for a retry): what readiness watches',
  })
  oldestActiveAgeSeconds: number | null;
}

export class RelayStatsDto {
  @ApiProperty()
  instance: string;

  @ApiProperty()
  running: boolean;

  @ApiProperty()
  workers: number;
}

export class MessagingStatsDto {
  @ApiProperty({ type: RelayStatsDto })
  relay: RelayStatsDto;

  @ApiProperty({
    example: 60,
    description:
      "The readiness threshold (HEALTH_MAX_EVENT_AGE_SECONDS): past it, a consumer's oldestActiveAgeSeconds makes /health/ready report the backlog as lagging",
  })
  maxEventAgeSeconds: number;

  @ApiProperty({ type: [ConsumerStatsDto] })
  consumers: ConsumerStatsDto[];
}
