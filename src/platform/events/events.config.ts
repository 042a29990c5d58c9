import { Transform } from 'class-transformer';
import { IsInt, Min } from 'class-validator';
import type { ConfigType } from '@nestjs/config';
import { defineConfig, toInteger } from '../config/define-config';

class EventsEnv {
  @Transform(toInteger)
  @IsInt()
  @Min(100)
  EVENTS_STREAM_HEARTBEAT_MS = 15_000;

  @Transform(toInteger)
  @IsInt()
  @Min(10)
  EVENTS_STREAM_POLL_INTERVAL_MS = 250;

  @Transform(toInteger)
  @IsInt()
  @Min(64 * 1024)
  EVENTS_STREAM_BUFFER_BYTES = 4 * 1024 * 1024;

  @Transform(toInteger)
  @IsInt()
  @Min(0)
  EVENTS_STREAM_GAP_WAIT_MS = 5000;
}

export const eventsConfig = defineConfig('events', EventsEnv, (env) => ({
  stream: {
    heartbeatMs: env.EVENTS_STREAM_HEARTBEAT_MS,
    pollIntervalMs: env.EVENTS_STREAM_POLL_INTERVAL_MS,
    /** How far (bytes waiting for its socket) a client may fall behind before it is dropped. */
    bufferBytes: env.EVENTS_STREAM_BUFFER_BYTES,
    /** How long a missing seq is watched for a late commit before it counts as rolled back. */
    gapWaitMs: env.EVENTS_STREAM_GAP_WAIT_MS,
  },
}));

export type EventsConfig = ConfigType<typeof eventsConfig>;
