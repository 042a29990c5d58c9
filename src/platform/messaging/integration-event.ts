/** What event data may hold: primitives, and lists of them. Nothing nested, so any transport can carry it. */
export type Primitive = string | number | boolean | null;
export type EventData = { readonly [field: string]: Primitive | readonly Primitive[] };

/**
 * The single catalogue of integration events: event type → `{ version, data }`. It starts empty;
 * each module's `contracts/` adds its own events by declaration merging, so the platform never
 * imports a module, yet `publish` and `@OnIntegrationEvent` reject a misspelled type or a wrong
 * payload at compile time. The entries come from each module's `defineEvents` (a zod schema per
 * version, from which the payload type is inferred); a new version is another member of the union:
 *
 *   declare module '.../platform/contracts' {
 *     interface IntegrationEventCatalogue extends CatalogueOf<typeof paymentEvents> {}
 *   }
 *
 * Augment `platform/contracts`, never this file: TypeScript drops the augmentations made through
 * a re-export as soon as one targets the original file.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface IntegrationEventCatalogue {}

export type EventType = Extract<keyof IntegrationEventCatalogue, string>;

/** The envelope every event travels in (see API.md, "Integration events"). */
export interface EventEnvelope {
  /** Unique per event; consumers deduplicate on it. */
  readonly id: string;
  readonly type: string;
  readonly version: number;
  readonly occurredAt: string;
  /** The module that published it. */
  readonly source: string;
  /** The aggregate the event is about, and its ordering key. */
  readonly subject: string;
  readonly correlationId: string | null;
  readonly causationId: string | null;
  readonly data: EventData;
  /**
   * Metadata: the W3C trace context of the span that published it (as in CloudEvents' distributed
   * tracing extension), present only while tracing is on. The platform reads it; handlers ignore it,
   * and the events API does not show it.
   */
  readonly traceparent?: string;
}

/** A published event of type T, with its catalogue-typed `version` and `data`. */
export type IntegrationEvent<T extends EventType = EventType> = T extends EventType
  ? Omit<EventEnvelope, 'type' | 'version' | 'data'> & { readonly type: T } & IntegrationEventCatalogue[T]
  : never;

/** What a publisher supplies; the platform fills in the rest of the envelope. */
export type EventDraft<T extends EventType> = T extends EventType
  ? { readonly subject: string } & IntegrationEventCatalogue[T]
  : never;

/** Compile-time guard: naming any catalogue entry whose payload is not flat, primitive data. */
type InvalidCatalogueEntries = {
  [T in EventType]: IntegrationEventCatalogue[T] extends { version: number; data: EventData } ? never : T;
}[EventType];
// If this line fails to compile, the type it names breaks the catalogue's rules above.
export const catalogueIsValid: [InvalidCatalogueEntries] extends [never] ? true : InvalidCatalogueEntries = true;
