import { Injectable, Logger } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { EventEnvelope } from './integration-event';
import { INTEGRATION_EVENT_HANDLER, type IntegrationEventHandlerMetadata } from './on-integration-event.decorator';

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
 * Every `@OnIntegrationEvent` method in the application, found once at boot. The publisher asks
 * it which consumers an event fans out to; the in-process transport asks it which method to run.
 */
@Injectable()
export class ConsumerRegistry {
  private readonly logger = new Logger(ConsumerRegistry.name);
  private consumers?: Map<string, Consumer>;
  private byType?: Map<string, string[]>;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  /** Consumer names subscribed to `type`, in a stable order. */
  consumersOf(type: string): readonly string[] {
    return this.index().byType.get(type) ?? [];
  }

  consumerNames(): string[] {
    return [...this.index().consumers.keys()].sort();
  }

  get(name: string): Consumer | undefined {
    return this.index().consumers.get(name);
  }

  private index() {
    if (!this.consumers || !this.byType) this.discover();
    return { consumers: this.consumers!, byType: this.byType! };
  }

  private discover(): void {
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
    const consumers = new Map<string, Consumer>();
    const byType = new Map<string, string[]>();
    for (const [name, typeHandlers] of [...handlers].sort(([a], [b]) => a.localeCompare(b))) {
      consumers.set(name, {
        name,
        batched: batched.get(name) ?? true,
        orderKey: orderKeys.get(name) ?? ((event) => event.subject),
        handlerFor: (type) => typeHandlers.get(type),
      });
      for (const type of typeHandlers.keys()) byType.set(type, [...(byType.get(type) ?? []), name]);
    }
    this.consumers = consumers;
    this.byType = byType;
    this.logger.log(`Registered ${consumers.size} event consumers`);
  }
}
