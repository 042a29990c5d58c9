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

  @ApiProperty({ description: 'L: deliveries not yet done (pending, retrying or in flight)' })
  backlog: number;

  @ApiProperty()
  inFlight: number;

  @ApiProperty({ description: 'Dead letters waiting for an operator' })
  dead: number;

  @ApiProperty({ description: 'λ: deliveries handled per second by this instance over the last minute' })
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

  @ApiProperty({ type: [ConsumerStatsDto] })
  consumers: ConsumerStatsDto[];
}
