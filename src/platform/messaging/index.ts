/**
 * What modules may use of messaging: the event catalogue's types, publishing, consuming and the
 * subscription manifest. Nothing here says how events travel (outbox relay, RabbitMQ): that is
 * configuration, and stays behind this surface.
 */
export type {
  EventData,
  EventDraft,
  EventEnvelope,
  EventType,
  IntegrationEvent,
  IntegrationEventCatalogue,
  Primitive,
} from './integration-event';
export { EventPublisher } from './event-publisher';
export { MessagingModule } from './messaging.module';
export { OnIntegrationEvent, type ConsumerOptions } from './on-integration-event.decorator';
export { PermanentError } from './permanent-error';
export { Wakeup } from './relay/wakeup';
export { defineSubscriptions, type SubscriptionManifest } from './subscriptions';
