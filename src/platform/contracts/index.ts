/**
 * What a module's `contracts/` may use: the event catalogue's types and the means to define
 * events. Pure (zod, no Nest, no database), so a domain that reads a contract's types stays pure.
 * Contracts extend `IntegrationEventCatalogue` by augmenting this module, and only this one:
 * TypeScript drops augmentations made through one path as soon as another targets a different one.
 */
export { defineEvents, field, type CatalogueOf, type OwnedEvents } from '../messaging/event-catalogue';
export type {
  EventData,
  EventDraft,
  EventEnvelope,
  EventType,
  IntegrationEvent,
  IntegrationEventCatalogue,
  Primitive,
} from '../messaging/integration-event';
