import type { ConfigType } from '@nestjs/config';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { ConfigValidationError, defineConfig, platformConfig, toBoolean, toInteger } from '../../platform/config';
import { parseRetrySchedule } from './domain/retry-schedule';

/** Close to the Standard Webhooks schedule: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (8 attempts in all). */
const STANDARD_RETRY_SCHEDULE_MS = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000];

class NotificationsEnv {
  @Transform(toBoolean)
  @IsBoolean()
  WEBHOOK_DELIVERY_ENABLED = true;

  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  WEBHOOK_ALLOW_PRIVATE_ADDRESSES?: boolean;

  @Transform(toInteger)
  @IsInt()
  @Min(100)
  @Max(120_000)
  WEBHOOK_TIMEOUT_MS = 10_000;

  @IsString()
  WEBHOOK_RETRY_SCHEDULE_MS = STANDARD_RETRY_SCHEDULE_MS.join(',');

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(256)
  WEBHOOK_CONCURRENCY = 8;

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(256)
  WEBHOOK_MAX_IN_FLIGHT_PER_ENDPOINT = 4;

  @Transform(toInteger)
  @IsInt()
  @Min(10)
  WEBHOOK_POLL_INTERVAL_MS = 1_000;

  @Transform(toInteger)
  @IsInt()
  @Min(1_000)
  WEBHOOK_LEASE_MS = 60_000;

  @Transform(toInteger)
  @IsInt()
  @Min(0)
  WEBHOOK_SECRET_OVERLAP_SECONDS = 24 * 3600;

  @Transform(toInteger)
  @IsInt()
  @Min(0)
  WEBHOOK_SHUTDOWN_GRACE_MS = 10_000;
}

function retrySchedule(text: string): number[] {
  try {
    return parseRetrySchedule(text);
  } catch (error) {
    throw new ConfigValidationError(
      `Invalid setting WEBHOOK_RETRY_SCHEDULE_MS (${JSON.stringify(text)}): ${(error as Error).message}`,
    );
  }
}

export const notificationsConfig = defineConfig('notifications', NotificationsEnv, (env) => {
  // A claim must outlive the request it covers, or a second worker would send the message while the first still waits.
  if (env.WEBHOOK_LEASE_MS <= env.WEBHOOK_TIMEOUT_MS) {
    throw new ConfigValidationError(
      `Invalid setting WEBHOOK_LEASE_MS (${env.WEBHOOK_LEASE_MS}): must be greater than WEBHOOK_TIMEOUT_MS (${env.WEBHOOK_TIMEOUT_MS})`,
    );
  }
  return {
    webhooks: {
      deliveryEnabled: env.WEBHOOK_DELIVERY_ENABLED,
      // Receivers on a laptop or in a test run live on loopback; in production such a URL is an SSRF attempt.
      allowPrivateAddresses: env.WEBHOOK_ALLOW_PRIVATE_ADDRESSES ?? platformConfig().env !== 'production',
      timeoutMs: env.WEBHOOK_TIMEOUT_MS,
      retryScheduleMs: retrySchedule(env.WEBHOOK_RETRY_SCHEDULE_MS),
      concurrency: env.WEBHOOK_CONCURRENCY,
      // Across all instances: one slow receiver cannot hold every slot.
      maxInFlightPerEndpoint: env.WEBHOOK_MAX_IN_FLIGHT_PER_ENDPOINT,
      pollIntervalMs: env.WEBHOOK_POLL_INTERVAL_MS,
      leaseMs: env.WEBHOOK_LEASE_MS,
      secretOverlapSeconds: env.WEBHOOK_SECRET_OVERLAP_SECONDS,
      shutdownGraceMs: env.WEBHOOK_SHUTDOWN_GRACE_MS,
    },
  };
});

export type NotificationsConfig = ConfigType<typeof notificationsConfig>;
