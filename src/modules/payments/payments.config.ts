import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import type { ConfigType } from '@nestjs/config';
import { defineConfig, toInteger } from '../../platform/config';

class PaymentsEnv {
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(30 * 24 * 3600)
  PAYMENTS_TTL_SECONDS = 3600;

  @Transform(toInteger)
  @IsInt()
  @Min(50)
  PAYMENTS_EXPIRY_INTERVAL_MS = 5000;

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(30 * 24 * 3600)
  PAYMENTS_CAPTURE_WINDOW_SECONDS = 7 * 24 * 3600;
}

export const paymentsConfig = defineConfig('payments', PaymentsEnv, (env) => ({
  /** A payment not finished within this time expires (money never moves after it). */
  ttlSeconds: env.PAYMENTS_TTL_SECONDS,
  /** How often the expiry job looks for payments past their time to live (and holds past their capture deadline). */
  expiryIntervalMs: env.PAYMENTS_EXPIRY_INTERVAL_MS,
  /** How long a manual payment's hold waits for its capture before it is voided (captureBefore). */
  captureWindowSeconds: env.PAYMENTS_CAPTURE_WINDOW_SECONDS,
}));

export type PaymentsConfig = ConfigType<typeof paymentsConfig>;
