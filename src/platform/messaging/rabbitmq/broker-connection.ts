import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import amqp, { type AmqpConnectionManager, type ChannelWrapper, type SetupFunc } from 'amqp-connection-manager';
import { platformConfig, type PlatformConfig } from '../../config/platform.config';

/**
 * The one connection of this process to RabbitMQ (MESSAGING_TRANSPORT=rabbitmq), kept up by
 * amqp-connection-manager: it reconnects with backoff and re-runs every channel's setup
 * (topology, consumers) on each new connection. A broker that is away at boot is not fatal: the
 * process starts, reports not ready, and connects when it can; meanwhile events wait in the outbox.
 */
@Injectable()
export class BrokerConnection implements OnApplicationShutdown {
  private readonly logger = new Logger(BrokerConnection.name);
  private manager?: AmqpConnectionManager;
  private up = false;

  constructor(@Inject(platformConfig.KEY) private readonly config: PlatformConfig) {}

  get enabled(): boolean {
    return this.config.transport === 'rabbitmq';
  }

  /** True while a connection to the broker is open. */
  get connected(): boolean {
    return this.up;
  }

  /** A channel that is set up anew on every connection. `confirm` makes publishes wait for the broker's confirm. */
  channel(name: string, setup: SetupFunc, confirm = false): ChannelWrapper {
    return this.connection().createChannel({ name, setup, confirm, json: false, publishTimeout: 10_000 });
  }

  async onApplicationShutdown(): Promise<void> {
    const manager = this.manager;
    this.manager = undefined;
    this.up = false;
    await manager?.close().catch(() => undefined);
  }

  private connection(): AmqpConnectionManager {
    if (this.manager) return this.manager;
    const manager = amqp.connect([this.config.rabbitmq.url], {
      heartbeatIntervalInSeconds: 5,
      reconnectTimeInSeconds: 1,
      connectionOptions: { clientProperties: { connection_name: 'payments-platform' } },
    });
    manager.on('connect', () => {
      this.up = true;
      this.logger.log('Connected to RabbitMQ');
    });
    manager.on('disconnect', ({ err }: { err?: Error }) => {
      if (this.up) this.logger.warn(`RabbitMQ connection lost${err ? `: ${err.message}` : ''}; reconnecting`);
      this.up = false;
    });
    manager.on('connectFailed', ({ err }: { err?: Error }) => {
      this.logger.warn(`Cannot reach RabbitMQ${err ? `: ${err.message}` : ''}; retrying`);
    });
    manager.on('blocked', ({ reason }: { reason: string }) => {
      // A broker under memory or disk pressure stops publishers: events wait in the outbox meanwhile.
      this.logger.warn(`RabbitMQ blocked this connection (${reason})`);
    });
    return (this.manager = manager);
  }
}
