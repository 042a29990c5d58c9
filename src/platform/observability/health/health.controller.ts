import { Controller, Get, HttpStatus, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, type HealthCheckResult } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { Public } from '../../auth/auth.decorators';
import { platformConfig, type PlatformConfig } from '../../config/platform.config';
import { BrokerConnection } from '../../messaging/rabbitmq/broker-connection';
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
    private readonly broker: BrokerConnection,
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
      'Readiness: whether this instance can serve (its database answers, its relay runs, its broker is reachable with the rabbitmq transport)',
    description:
      'The backlog is reported (`outbox.lagging` once an event has waited longer than HEALTH_MAX_EVENT_AGE_SECONDS) but never ' +
      'makes an instance unready: a busy fleet lags on every instance at once, and draining them all would only make it worse. ' +
      'Alert on the `messaging_oldest_pending_age_seconds` metric instead.',
  })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthCheckResult> {
    try {
      return await this.check();
    } catch (error) {
      void reply.status(HttpStatus.SERVICE_UNAVAILABLE).header('Retry-After', '1');
      // Terminus reports "not ready" as a 503 exception carrying the full result: answer with it as is.
      if (error instanceof ServiceUnavailableException) return error.getResponse() as HealthCheckResult;
      const down = { readiness: { status: 'down' as const, message: 'the readiness check failed' } };
      return { status: 'error', info: {}, error: down, details: down };
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
      () => {
        // Without its broker this instance can neither send events on nor receive its consumers' (they wait in the outbox).
        const broker = this.indicators.check('broker');
        if (!this.broker.enabled) return broker.up({ transport: 'in-process' });
        return this.broker.connected
          ? broker.up({ transport: 'rabbitmq' })
          : broker.down({ transport: 'rabbitmq', message: 'RabbitMQ is unreachable; events wait in the outbox' });
      },
      async () => {
        // Reported, never "down" (see the operation's description); unknown while the database is away.
        const outbox = this.indicators.check('outbox');
        const maxAge = this.config.health.maxEventAgeSeconds;
        const oldest = await this.deliveries.oldestActiveAgeSeconds().catch(() => null);
        if (oldest === null) return outbox.up({ oldestWaitingEventAgeSeconds: null, maxAgeSeconds: maxAge });
        const age = Math.round(oldest * 10) / 10;
        return outbox.up({ oldestWaitingEventAgeSeconds: age, maxAgeSeconds: maxAge, lagging: oldest > maxAge });
      },
    ]);
  }
}
