import { z } from 'zod';
import type { EventCatalogue } from '../event-catalogue';
import { moduleOfConsumer, type SubscriptionManifest } from '../subscriptions';

/** A JSON Schema (draft 7, which AsyncAPI's default schema format extends). */
export type JsonSchema = { [keyword: string]: unknown };

export interface ConsumerDescription {
  readonly name: string;
  readonly module: string;
}

/** One version of one event, as the documents show it: who publishes it, who consumes it, what it holds. */
export interface EventDescription {
  readonly type: string;
  readonly version: number;
  readonly summary: string;
  readonly owner: string;
  readonly subject: string;
  readonly data: JsonSchema;
  readonly consumers: readonly ConsumerDescription[];
}

/** The JSON Schema of a payload, from the zod schema its type is inferred from. */
export function jsonSchemaOf(schema: z.ZodObject): JsonSchema {
  // `input`: consumers must accept fields added to a version later (additive changes), so no
  // `additionalProperties: false`.
  const { $schema: _, ...json } = z.toJSONSchema(schema, { target: 'draft-7', io: 'input' }) as JsonSchema;
  return json;
}

/**
 * Every event version of the catalogue with its consumers (every module's, hosted here or not):
 * the one model that the AsyncAPI document, the /docs/events page and the READMEs' tables render.
 */
export function describeEvents(catalogue: EventCatalogue, subscriptions: SubscriptionManifest): EventDescription[] {
  const consumersOf = (type: string) =>
    Object.keys(subscriptions)
      .filter((name) => subscriptions[name].includes(type as never))
      .sort()
      .map((name) => ({ name, module: moduleOfConsumer(name) }));
  return catalogue.entries().map((entry) => ({
    type: entry.type,
    version: entry.version,
    summary: entry.summary,
    owner: entry.owner,
    subject: entry.subject,
    data: jsonSchemaOf(entry.data),
    consumers: consumersOf(entry.type),
  }));
}
