import { Controller, Get, HttpStatus, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, type HealthCheckResult } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { Public } from '../../auth/auth.decorators';
import { platformConfig, type PlatformConfig } from '../../config/platform.config';
import { DeliveryStore } from '../../messaging/relay/delivery-store';
import { RelayService } from '../../messaging/relay/relay.service';

@ApiTags('Operations')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(platformConfig.KEY) private readonly config: PlatformConfig,
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly dataSource: DataSource,
    private readonly relay: RelayService,
    private readonly deliveries: DeliveryStore,
  ) {}

  @Get('live')
  @Public()
  @ApiOperation({ summary: 'Liveness: the process is up and serving HTTP' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @Public()
  @HealthCheck()
  @ApiOperation({
    summary:
      'Readiness: the database answers, the relay runs, and no event waits longer than HEALTH_MAX_EVENT_AGE_SECONDS for a consumer (retries waiting for their backoff aside)',
  })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthCheckResult> {
    try {
      return await this.check();
    } catch (error) {
      // Terminus reports "not ready" as a 503 exception carrying the full result: answer with it as is.
      if (!(error instanceof ServiceUnavailableException)) throw error;
      void reply.status(HttpStatus.SERVICE_UNAVAILABLE);
      return error.getResponse() as HealthCheckResult;
    }
  }

  private check(): Promise<HealthCheckResult> {
    return this.health.check([
      () =>
        this.indicators
          .check('database')
          .attempt(() => this.dataSource.query('SELECT 1'))
          .withTimeout(3000),
      () => {
        const relay = this.indicators.check('relay');
        if (!this.config.messaging.relayEnabled) return relay.up({ enabled: false });
        return this.relay.healthy
          ? relay.up({ workers: this.relay.workerCount })
          : relay.down({ message: 'relay is not claiming' });
      },
      async () => {
        const outbox = this.indicators.check('outbox');
        const maxAge = this.config.health.maxEventAgeSeconds;
        // Retries waiting for their backoff do not count: one failing event must not take every
        // instance out of service (it shows in the backlog, and in the dead letters when it gives up).
        const oldest = await this.deliveries.oldestActiveAgeSeconds();
        const data = { oldestWaitingEventAgeSeconds: Math.round(oldest * 10) / 10, maxAgeSeconds: maxAge };
        return oldest <= maxAge ? outbox.up(data) : outbox.down(data);
      },
    ]);
  }
}
