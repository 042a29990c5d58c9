import { EventCatalogue } from './event-catalogue';
import type { EventType } from './integration-event';

/**
 * The durable subscriptions of a module, declared statically: consumer name → the event types it
 * takes. Every process reads every module's manifest, including modules it does not host, so a
 * publisher writes deliveries for (and routes to) consumers that live in another process. The
 * `@OnIntegrationEvent` handlers must match it exactly; the registry refuses to boot otherwise.
 *
 * Renaming a consumer starts a new subscription (delivery state and the inbox are kept per name):
 * drain the old one first, then rename it here and on its handler in one change.
 */
export type SubscriptionManifest = Readonly<Record<string, readonly EventType[]>>;

export function defineSubscriptions<const M extends SubscriptionManifest>(manifest: M): M {
  return manifest;
}

/** Which events and consumers exist (all modules') and which consumers this process hosts. */
export interface MessagingTopology {
  /** Every module's events, each with its one owner. */
  readonly events: EventCatalogue;
  readonly subscriptions: SubscriptionManifest;
  /** Names of the modules this process hosts; a consumer belongs to the module its name starts with. */
  readonly hostedModules: readonly string[];
}

export const MESSAGING_TOPOLOGY = Symbol('MessagingTopology');

/** `<module>.<action>` → `<module>`. */
export function moduleOfConsumer(consumer: string): string {
  return consumer.slice(0, consumer.indexOf('.'));
}

/** For an app of the platform alone: no consumer anywhere. */
export const NO_CONSUMERS: MessagingTopology = { events: EventCatalogue.empty, subscriptions: {}, hostedModules: [] };
