import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, Matches } from 'class-validator';
import type { ConfigType } from '@nestjs/config';
import { defineConfig, toBoolean } from '../config/define-config';

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
}

export const authConfig = defineConfig('auth', AuthEnv, (env) => ({
  adminApiKey: env.ADMIN_API_KEY,
  metricsPublic: env.METRICS_PUBLIC,
  databaseUrl: env.AUTH_DATABASE_URL,
}));

export type AuthConfig = ConfigType<typeof authConfig>;
