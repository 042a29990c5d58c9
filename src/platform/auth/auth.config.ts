import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import type { ConfigType } from '@nestjs/config';
import { defineConfig, toBoolean, toInteger } from '../config/define-config';

class AuthEnv {
  @IsOptional()
  @Matches(/^sk_[A-Za-z0-9_-]{16,200}$/, {
    message: 'must look like sk_ followed by at least 16 letters, digits, _ or -',
  })
  ADMIN_API_KEY?: string;

  @Transform(toBoolean)
  @IsBoolean()
  METRICS_PUBLIC = true;

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be a postgres:// URL' })
  AUTH_DATABASE_URL?: string;

  @Transform(toBoolean)
  @IsBoolean()
  RATE_LIMIT_ENABLED = true;

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(3600)
  RATE_LIMIT_WINDOW_SECONDS = 60;

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  RATE_LIMIT_MAX = 600;

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  RATE_LIMIT_MONEY_MAX = 120;

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  RATE_LIMIT_ANONYMOUS_MAX = 60;
}

export const authConfig = defineConfig('auth', AuthEnv, (env) => ({
  adminApiKey: env.ADMIN_API_KEY,
  metricsPublic: env.METRICS_PUBLIC,
  databaseUrl: env.AUTH_DATABASE_URL,

  rateLimit: {
    enabled: env.RATE_LIMIT_ENABLED,
    windowMs: env.RATE_LIMIT_WINDOW_SECONDS * 1000,
    max: env.RATE_LIMIT_MAX,
    moneyMax: env.RATE_LIMIT_MONEY_MAX,
    anonymousMax: env.RATE_LIMIT_ANONYMOUS_MAX,
  },
}));

export type AuthConfig = ConfigType<typeof authConfig>;
