import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeyStore } from './api-key.store';
import { AuthDatabase } from './auth-database';
import { ApiKeysController } from './api-keys.controller';
import { authConfig } from './auth.config';
import { AuthGuard } from './auth.guard';
import { DevelopmentKey } from './development-key';

/** API keys and the global guard that checks each route's scope; modules only declare scopes. */
@Module({
  imports: [ConfigModule.forFeature(authConfig)],
  controllers: [ApiKeysController],
  providers: [AuthDatabase, ApiKeyStore, DevelopmentKey, { provide: APP_GUARD, useClass: AuthGuard }],
})
export class AuthModule {}
