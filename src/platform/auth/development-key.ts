import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { platformConfig, type PlatformConfig } from '../config/platform.config';
import { ApiKeyStore } from './api-key.store';
import { authConfig, type AuthConfig } from './auth.config';

/**
 * So that `npm install && npm start` works in two commands: outside production, with no
 * ADMIN_API_KEY, the first start creates an admin key, keeps it (hashed) for later starts, and
 * prints it once. Production never invents a key.
 */
@Injectable()
export class DevelopmentKey implements OnApplicationBootstrap {
  private readonly logger = new Logger('ApiKeys');

  constructor(
    @Inject(platformConfig.KEY) private readonly platform: PlatformConfig,
    @Inject(authConfig.KEY) private readonly config: AuthConfig,
    private readonly keys: ApiKeyStore,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.platform.env === 'production' || this.config.adminApiKey) return;
    if (await this.keys.hasDevelopmentKey()) return;
    const created = await this.keys.create({
      name: 'development admin key',
      scopes: ['admin'],
      ownerId: null,
      development: true,
    });
    if (!created) return;
    this.logger.log(
      `Development admin API key (shown once, kept across restarts): ${created.secret} — ` +
        `in Swagger UI (/docs) press "Authorize" and paste it; with curl: -H "Authorization: Bearer ${created.secret}"`,
    );
  }
}
