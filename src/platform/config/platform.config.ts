import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import type { ConfigType } from '@nestjs/config';
import { ConfigValidationError, defineConfig, toBoolean, toInteger, toNumber } from './define-config';
import { DEFAULT_EMBEDDED_DB_DIR } from '../database/embedded-data-dir';

class PlatformEnv {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV = 'development';

  @Transform(toInteger)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be a postgres:// URL' })
  DATABASE_URL?: string;

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(500)
  DATABASE_POOL_SIZE = 20;

  @Transform(toBoolean)
  @IsBoolean()
  DATABASE_PIPELINE = true;

  @Transform(toBoolean)
  @IsBoolean()
  DATABASE_MIGRATIONS_RUN = true;

  @IsString()
  EMBEDDED_DB_DIR = DEFAULT_EMBEDDED_DB_DIR;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  LOG_PRETTY?: boolean;

  @Transform(toInteger)
  @IsInt()
  @Min(1024)
  @Max(10 * 1024 * 1024)
  HTTP_BODY_LIMIT_BYTES = 100 * 1024;

  @Transform(toInteger)
  @IsInt()
  @Min(4)
  @Max(256)
  HTTP_MAX_JSON_DEPTH = 32;

  @Transform(toInteger)
  @IsInt()
  @Min(24)
  IDEMPOTENCY_KEY_TTL_HOURS = 24;

  @IsOptional()
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'must be 32 bytes in base64 (openssl rand -base64 32)' })
  SECRETS_ENCRYPTION_KEY?: string;

  @Transform(toBoolean)
  @IsBoolean()
  MESSAGING_RELAY_ENABLED = true;

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(64)
  MESSAGING_WORKERS = 4;

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(1000)
  MESSAGING_BATCH_SIZE = 200;

  @Transform(toInteger)
  @IsInt()
  @Min(10)
  MESSAGING_POLL_INTERVAL_MS = 500;

  @Transform(toInteger)
  @IsInt()
  @Min(1000)
  MESSAGING_LEASE_MS = 30_000;

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(100)
  MESSAGING_MAX_ATTEMPTS = 10;

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  MESSAGING_BACKOFF_BASE_MS = 1000;

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  MESSAGING_BACKOFF_MAX_MS = 5 * 60_000;

  @Transform(toBoolean)
  @IsBoolean()
  MESSAGING_NOTIFY = true;

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  MESSAGING_RETENTION_HOURS = 7 * 24;

  /** Unset: MESSAGING_RETENTION_HOURS. */
  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  EVENTS_RETENTION_HOURS?: number;

  @Transform(toInteger)
  @IsInt()
  @Min(1000)
  MESSAGING_RETENTION_INTERVAL_MS = 60_000;

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  HEALTH_MAX_EVENT_AGE_SECONDS = 60;

  @IsIn(['in-process', 'rabbitmq'])
  MESSAGING_TRANSPORT = 'in-process';

  @ValidateIf((env: PlatformEnv) => env.MESSAGING_TRANSPORT === 'rabbitmq' || env.RABBITMQ_URL !== undefined)
  @IsDefined({ message: 'is required when MESSAGING_TRANSPORT is rabbitmq' })
  @Matches(/^amqps?:\/\/.+/, { message: 'must be an amqp:// or amqps:// URL' })
  RABBITMQ_URL?: string;

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(256)
  RABBITMQ_PARTITIONS = 4;

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(10_000)
  RABBITMQ_PREFETCH = 200;

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  RABBITMQ_DELIVERY_LIMIT = 20;

  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  @Min(1000)
  RABBITMQ_MESSAGE_TTL_MS?: number;

  @Transform(toBoolean)
  @IsBoolean()
  TRACING_ENABLED = false;

  @Matches(/^https?:\/\/.+/, { message: 'must be an http:// or https:// URL' })
  TRACING_OTLP_ENDPOINT = 'http://localhost:4318/v1/traces';

  @Matches(/^\S{1,128}$/, { message: 'must be a name without spaces' })
  TRACING_SERVICE_NAME = 'payments-platform';

  @Transform(toNumber)
  @IsNumber()
  @Min(0)
  @Max(1)
  TRACING_SAMPLE_RATIO = 1;
}

export const platformConfig = defineConfig('platform', PlatformEnv, (env) => {
  // Secrets at rest need a real key in production; elsewhere a development key is derived.
  if (env.NODE_ENV === 'production' && !env.SECRETS_ENCRYPTION_KEY) {
    throw new ConfigValidationError('Invalid setting SECRETS_ENCRYPTION_KEY (unset): required in production');
  }
  return {
    env: env.NODE_ENV as 'development' | 'production' | 'test',
    http: {
      port: env.PORT,
      host: env.HOST,
      bodyLimitBytes: env.HTTP_BODY_LIMIT_BYTES,
      maxJsonDepth: env.HTTP_MAX_JSON_DEPTH,
    },
    database: {
      url: env.DATABASE_URL,
      poolSize: env.DATABASE_POOL_SIZE,
      pipeline: env.DATABASE_PIPELINE,
      migrationsRun: env.DATABASE_MIGRATIONS_RUN,
      embeddedDir: env.EMBEDDED_DB_DIR,
    },
    logging: {
      level: env.LOG_LEVEL,
      pretty: env.LOG_PRETTY ?? env.NODE_ENV === 'development',
    },
    idempotency: {
      keyTtlHours: env.IDEMPOTENCY_KEY_TTL_HOURS,
    },
    messaging: {
      relayEnabled: env.MESSAGING_RELAY_ENABLED,
      workers: env.MESSAGING_WORKERS,
      batchSize: env.MESSAGING_BATCH_SIZE,
      pollIntervalMs: env.MESSAGING_POLL_INTERVAL_MS,
      leaseMs: env.MESSAGING_LEASE_MS,
      maxAttempts: env.MESSAGING_MAX_ATTEMPTS,
      backoffBaseMs: env.MESSAGING_BACKOFF_BASE_MS,
      backoffMaxMs: env.MESSAGING_BACKOFF_MAX_MS,
      notify: env.MESSAGING_NOTIFY,
      retentionHours: env.MESSAGING_RETENTION_HOURS,
      /** How long a finished event stays listed in /v1/events (and so in the outbox). */
      eventRetentionHours: env.EVENTS_RETENTION_HOURS ?? env.MESSAGING_RETENTION_HOURS,
      retentionIntervalMs: env.MESSAGING_RETENTION_INTERVAL_MS,
    },
    health: {
      maxEventAgeSeconds: env.HEALTH_MAX_EVENT_AGE_SECONDS,
    },
    transport: env.MESSAGING_TRANSPORT as 'in-process' | 'rabbitmq',
    rabbitmq: {
      url: env.RABBITMQ_URL ?? '',
      partitions: env.RABBITMQ_PARTITIONS,
      prefetch: env.RABBITMQ_PREFETCH,
      deliveryLimit: env.RABBITMQ_DELIVERY_LIMIT,
      messageTtlMs: env.RABBITMQ_MESSAGE_TTL_MS,
    },
    tracing: {
      enabled: env.TRACING_ENABLED,
      otlpEndpoint: env.TRACING_OTLP_ENDPOINT,
      serviceName: env.TRACING_SERVICE_NAME,
      sampleRatio: env.TRACING_SAMPLE_RATIO,
    },
    secrets: {
      key: env.SECRETS_ENCRYPTION_KEY ? Buffer.from(env.SECRETS_ENCRYPTION_KEY, 'base64') : undefined,
    },
  };
});

export type PlatformConfig = ConfigType<typeof platformConfig>;
