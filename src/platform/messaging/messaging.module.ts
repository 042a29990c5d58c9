import { Module, type DynamicModule } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { platformConfig, type PlatformConfig } from '../config/platform.config';
import { UnitOfWork } from '../database/unit-of-work';
import { newWorkerId } from '../ids';
import { IdempotencyStore } from '../http/idempotency/idempotency-store';
import { MessagingAdminController } from './admin/messaging-admin.controller';
import { MessagingAdminService } from './admin/messaging-admin.service';
import { MessagingStatsService } from './admin/messaging-stats.service';
import { BrokerStats } from './rabbitmq/broker-stats';
import { ConsumerRunner } from './consumer/consumer-runner';
import { ConsumerRegistry } from './consumer-registry';
import { EventDocsController } from './docs/event-docs.controller';
import { EventPublisher } from './event-publisher';
import { DeliveryStore } from './relay/delivery-store';
import { ListenerPresence } from './relay/listener-presence';
import { MessagingMetrics } from './relay/messaging-metrics';
import { BrokerConnection } from './rabbitmq/broker-connection';
import { BrokerConsumer } from './rabbitmq/broker-consumer';
import { BrokerInbox } from './rabbitmq/broker-inbox';
import { RabbitMqTransport } from './rabbitmq/rabbitmq.transport';
import { RelayService } from './relay/relay.service';
import { RetentionService } from './retention.service';
import { OUTBOX_ORIGIN } from './messaging.signals';
import { MESSAGING_TOPOLOGY, type MessagingTopology } from './subscriptions';
import { InProcessTransport } from './transport/in-process.transport';
import { MESSAGE_TRANSPORT } from './transport/message-transport';

@Module({})
export class MessagingModule {
  /** The backbone: registry, relay, transport, retention, the admin API and the event docs. Imported once, by the platform. */
  static forRoot(topology: MessagingTopology): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      imports: [DiscoveryModule],
      controllers: [MessagingAdminController, EventDocsController],
      providers: [
        { provide: MESSAGING_TOPOLOGY, useValue: topology },
        { provide: OUTBOX_ORIGIN, useFactory: () => newWorkerId() },
        ListenerPresence,
        ConsumerRegistry,
        DeliveryStore,
        ConsumerRunner,
        InProcessTransport,
        BrokerConnection,
        BrokerInbox,
        BrokerConsumer,
        RabbitMqTransport,
        {
          provide: MESSAGE_TRANSPORT,
          inject: [platformConfig.KEY, InProcessTransport, RabbitMqTransport],
          useFactory: (config: PlatformConfig, inProcess: InProcessTransport, rabbitmq: RabbitMqTransport) =>
            config.transport === 'rabbitmq' ? rabbitmq : inProcess,
        },
        MessagingMetrics,
        RelayService,
        RetentionService,
        IdempotencyStore,
        MessagingAdminService,
        MessagingStatsService,
        BrokerStats,
      ],
      exports: [
        OUTBOX_ORIGIN,
        ListenerPresence,
        ConsumerRegistry,
        DeliveryStore,
        RelayService,
        RetentionService,
        IdempotencyStore,
        BrokerConnection,
      ],
    };
  }

  /** A module's own EventPublisher, which stamps `source` (the module's name) on every event it publishes. */
  static forFeature(source: string): DynamicModule {
    return {
      module: MessagingModule,
      providers: [
        {
          provide: EventPublisher,
          inject: [UnitOfWork, ConsumerRegistry, EventEmitter2, ListenerPresence, OUTBOX_ORIGIN],
          useFactory: (
            unitOfWork: UnitOfWork,
            registry: ConsumerRegistry,
            signals: EventEmitter2,
            presence: ListenerPresence,
            origin: string,
          ) => new EventPublisher(source, unitOfWork, registry, signals, presence, origin),
        },
      ],
      exports: [EventPublisher],
    };
  }
}
