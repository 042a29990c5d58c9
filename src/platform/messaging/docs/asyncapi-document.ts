import type { EventDescription, JsonSchema } from './event-descriptions';

export type AsyncApiDocument = { asyncapi: '3.1.0'; [field: string]: unknown };

const DESCRIPTION = `
The integration events of the payments platform: every event type and version, its payload, the
module that owns and publishes it, and every consumer that subscribes to it. Modules talk only
through these events, carried by a transactional outbox (in process, or through RabbitMQ between
processes). An event is published only by its owner. \`GET /v1/events\` lists these envelopes,
and a webhook carries an event's \`type\` and \`data\`.
`.trim();

/** The envelope every event travels in, around its payload. */
function envelopeOf(event: EventDescription): JsonSchema {
  return {
    type: 'object',
    required: ['id', 'type', 'version', 'occurredAt', 'source', 'subject', 'correlationId', 'causationId', 'data'],
    properties: {
      id: { type: 'string', format: 'uuid', description: 'Unique per event; consumers deduplicate on it' },
      type: { type: 'string', const: event.type },
      version: { type: 'integer', const: event.version },
      occurredAt: { type: 'string', format: 'date-time' },
      source: { type: 'string', const: event.owner, description: 'The module that published it: its owner' },
      subject: { type: 'string', description: `What the event is about, and its ordering key: ${event.subject}` },
      correlationId: { type: ['string', 'null'], description: 'The request or event that started the chain' },
      causationId: { type: ['string', 'null'], description: 'The request or event that caused this one' },
      data: event.data,
      traceparent: {
        type: 'string',
        description:
          'W3C trace context of the span that published it, present only while tracing is on: metadata for the platform, not shown by GET /v1/events',
      },
    },
  };
}

const messageKey = (event: EventDescription) => `${event.type}.v${event.version}`;
const channelMessage = (event: EventDescription) => ({ $ref: `#/channels/${event.type}/messages/v${event.version}` });

/**
 * The AsyncAPI 3 document of the catalogue: a channel per event type (its address is the type),
 * a message per version, a `send` operation by its owner and a `receive` operation per consumer.
 */
export function buildAsyncApiDocument(events: readonly EventDescription[]): AsyncApiDocument {
  const byType = new Map<string, EventDescription[]>();
  for (const event of events) byType.set(event.type, [...(byType.get(event.type) ?? []), event]);

  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  const modules = new Set<string>();

  for (const [type, versions] of byType) {
    const { owner, subject } = versions[0];
    modules.add(owner);
    channels[type] = {
      address: type,
      title: type,
      description: `Owned and published by **${owner}**. Subject: ${subject}.`,
      messages: Object.fromEntries(
        versions.map((event) => [`v${event.version}`, { $ref: `#/components/messages/${messageKey(event)}` }]),
      ),
    };
    for (const event of versions) {
      messages[messageKey(event)] = {
        name: event.type,
        title: `${event.type} v${event.version}`,
        summary: event.summary,
        contentType: 'application/json',
        payload: envelopeOf(event),
        tags: [{ name: owner }],
      };
    }
    operations[`${owner}.publishes.${type}`] = {
      action: 'send',
      channel: { $ref: `#/channels/${type}` },
      summary: `${owner} publishes ${type}`,
      messages: versions.map(channelMessage),
      tags: [{ name: owner }],
    };
    // A consumer subscribes to a type, so it takes every version of it.
    for (const consumer of versions[0].consumers) {
      modules.add(consumer.module);
      operations[`${consumer.name}.receives.${type}`] = {
        action: 'receive',
        channel: { $ref: `#/channels/${type}` },
        summary: `${consumer.name} consumes ${type}`,
        description: `A durable subscription of **${consumer.module}**: each event once, in order per subject.`,
        messages: versions.map(channelMessage),
        tags: [{ name: consumer.module }],
      };
    }
  }

  return {
    asyncapi: '3.1.0',
    info: {
      title: 'Payments platform events',
      version: '1',
      description: DESCRIPTION,
      tags: [...modules].sort().map((name) => ({ name, description: `The ${name} module` })),
    },
    defaultContentType: 'application/json',
    channels,
    operations,
    components: { messages },
  };
}
