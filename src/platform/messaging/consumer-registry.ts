import { Injectable, Logger } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { EventEnvelope } from './integration-event';
import { INTEGRATION_EVENT_HANDLER, type IntegrationEventHandlerMetadata } from './on-integration-event.decorator';

export type EventHandlerFn = (event: EventEnvelope) => Promise<unknown>;

export interface Consumer {
  readonly name: string;
  readonly types: ReadonlySet<string>;
  handlerFor(type: string): EventHandlerFn | undefined;
}

/**
 * Every `@OnIntegrationEvent` method in the application, found once at boot. The publisher asks
 * it which consumers an event fans out to; the in-process transport asks it which method to run.
 */
@Injectable()
export class ConsumerRegistry {
  private readonly logger = new Logger(ConsumerRegistry.name);
  private byConsumer?: Map<string, Map<string, EventHandlerFn>>;
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
    return [...this.index().byConsumer.keys()].sort();
  }

  get(name: string): Consumer | undefined {
    const handlers = this.index().byConsumer.get(name);
    if (!handlers) return undefined;
    return { name, types: new Set(handlers.keys()), handlerFor: (type) => handlers.get(type) };
  }

  private index() {
    if (!this.byConsumer || !this.byType) this.discover();
    return { byConsumer: this.byConsumer!, byType: this.byType! };
  }

  private discover(): void {
    const byConsumer = new Map<string, Map<string, EventHandlerFn>>();
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
        const handlers = byConsumer.get(metadata.consumer) ?? new Map<string, EventHandlerFn>();
        for (const type of metadata.types) {
          if (handlers.has(type)) {
            throw new Error(`Consumer "${metadata.consumer}" has two handlers for "${String(type)}"`);
          }
          handlers.set(type, handler.bind(instance));
        }
        byConsumer.set(metadata.consumer, handlers);
      }
    }
    const byType = new Map<string, string[]>();
    for (const [consumer, handlers] of [...byConsumer].sort(([a], [b]) => a.localeCompare(b))) {
      for (const type of handlers.keys()) byType.set(type, [...(byType.get(type) ?? []), consumer]);
    }
    this.byConsumer = byConsumer;
    this.byType = byType;
    this.logger.log(`Registered ${byConsumer.size} event consumers`);
  }
}
