import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { EventCatalogue } from './event-catalogue';
import type { EventEnvelope } from './integration-event';
import { INTEGRATION_EVENT_HANDLER, type IntegrationEventHandlerMetadata } from './on-integration-event.decorator';
import {
  MESSAGING_TOPOLOGY,
  moduleOfConsumer,
  type MessagingTopology,
  type SubscriptionManifest,
} from './subscriptions';

export type EventHandlerFn = (event: EventEnvelope) => Promise<unknown>;

export interface Consumer {
  readonly name: string;
  /** Whether several of its events may share one transaction (see ConsumerOptions.batched). */
  readonly batched: boolean;
  /** The key a batch is ordered by (see ConsumerOptions.orderKey). */
  orderKey(event: EventEnvelope): string;
  handlerFor(type: string): EventHandlerFn | undefined;
}

/**
 * The consumers of the whole system and the handlers of this process. Fan-out follows the static
 * subscription manifest (every module's, hosted here or not), so a publisher writes deliveries for
 * consumers that live in another process. The `@OnIntegrationEvent` methods of the hosted modules
 * are found once at boot and must match the manifest exactly: a consumer missing from it, or
 * taking other types than it says, stops the start.
 */
@Injectable()
export class ConsumerRegistry implements OnApplicationBootstrap {
  private readonly logger = new Logger(ConsumerRegistry.name);
  private consumers?: Map<string, Consumer>;
  private readonly byType = new Map<string, string[]>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    @Inject(MESSAGING_TOPOLOGY) private readonly topology: MessagingTopology,
  ) {
    for (const name of Object.keys(topology.subscriptions).sort()) {
      for (const type of topology.subscriptions[name]) {
        // Checked here, not only by the compiler: a manifest may name a type whose module is gone.
        if (topology.events.ownerOf(type) === undefined) {
          throw new Error(`Consumer "${name}" subscribes to "${type}", which no module's contracts define`);
        }
        this.byType.set(type, [...(this.byType.get(type) ?? []), name]);
      }
    }
  }

  /** Every event of the system, with its owner and schema. */
  get catalogue(): EventCatalogue {
    return this.topology.events;
  }

  /** Every consumer's subscriptions, hosted here or not. */
  get subscriptions(): SubscriptionManifest {
    return this.topology.subscriptions;
  }

  /** A handler that does not match the manifest stops the start, even in an instance that runs no relay. */
  onApplicationBootstrap(): void {
    this.index();
  }

  /** Consumer names subscribed to `type` anywhere in the system, in a stable order. */
  consumersOf(type: string): readonly string[] {
    return this.byType.get(type) ?? [];
  }

  /** The consumers this process hosts. */
  consumerNames(): string[] {
    return [...this.index().keys()].sort();
  }

  /** Every consumer of the system, hosted here or not. */
  allConsumerNames(): string[] {
    return Object.keys(this.topology.subscriptions).sort();
  }

  isHosted(name: string): boolean {
    return this.index().has(name);
  }

  get(name: string): Consumer | undefined {
    return this.index().get(name);
  }

  private index(): Map<string, Consumer> {
    return (this.consumers ??= this.discover());
  }

  private discover(): Map<string, Consumer> {
    const handlers = new Map<string, Map<string, EventHandlerFn>>();
    const batched = new Map<string, boolean>();
    const orderKeys = new Map<string, (event: EventEnvelope) => string>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const handler = instance[method] as EventHandlerFn;
        const metadata = this.reflector.get<IntegrationEventHandlerMetadata | undefined>(
          INTEGRATION_EVENT_HANDLER,
          handler,
        );
        if (!metadata) continue;
        const { consumer } = metadata;
        if (batched.has(consumer) && batched.get(consumer) !== metadata.batched) {
          throw new Error(`Consumer "${consumer}" is declared both batched and not batched`);
        }
        batched.set(consumer, metadata.batched);
        if (metadata.orderKey) orderKeys.set(consumer, metadata.orderKey);
        const byType = handlers.get(consumer) ?? new Map<string, EventHandlerFn>();
        for (const type of metadata.types) {
          if (byType.has(type)) throw new Error(`Consumer "${consumer}" has two handlers for "${String(type)}"`);
          byType.set(type, handler.bind(instance));
        }
        handlers.set(consumer, byType);
      }
    }
    this.checkAgainstManifest(handlers);
    const consumers = new Map<string, Consumer>();
    for (const [name, typeHandlers] of [...handlers].sort(([a], [b]) => a.localeCompare(b))) {
      consumers.set(name, {
        name,
        batched: batched.get(name) ?? true,
        orderKey: orderKeys.get(name) ?? ((event) => event.subject),
        handlerFor: (type) => typeHandlers.get(type),
      });
    }
    this.logger.log(`Registered ${consumers.size} event consumers`);
    return consumers;
  }

  private checkAgainstManifest(handlers: ReadonlyMap<string, ReadonlyMap<string, EventHandlerFn>>): void {
    const { subscriptions, hostedModules } = this.topology;
    for (const [name, typeHandlers] of handlers) {
      const declared = subscriptions[name];
      const handled = [...typeHandlers.keys()].sort();
      if (!declared) throw new Error(`Consumer "${name}" is not in the subscription manifest of its module`);
      if ([...declared].sort().join() !== handled.join()) {
        throw new Error(
          `Consumer "${name}" handles [${handled.join(', ')}] but its subscription manifest lists [${[...declared].sort().join(', ')}]`,
        );
      }
    }
    for (const name of Object.keys(subscriptions)) {
      if (hostedModules.includes(moduleOfConsumer(name)) && !handlers.has(name)) {
        throw new Error(`Consumer "${name}" is in the subscription manifest but has no @OnIntegrationEvent handler`);
      }
    }
  }
}
