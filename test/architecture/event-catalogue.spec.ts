import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DiagnosticSeverity, Parser } from '@asyncapi/parser';
import { businessModules } from '../../src/modules';
import { buildAsyncApiDocument } from '../../src/platform/messaging/docs/asyncapi-document';
import { describeEvents } from '../../src/platform/messaging/docs/event-descriptions';
import { withEventTables } from '../../src/platform/messaging/docs/event-tables';
import { eventsOf, subscriptionsOf } from '../../src/platform/modules/business-module';

const root = resolve(__dirname, '../..');
const catalogue = eventsOf(businessModules);
const subscriptions = subscriptionsOf(businessModules);
const events = describeEvents(catalogue, subscriptions);
const document = buildAsyncApiDocument(events);

describe('The event catalogue (AsyncAPI)', () => {
  it('is a valid AsyncAPI 3 document: no error, no warning', async () => {
    const { document: parsed, diagnostics } = await new Parser().parse(JSON.stringify(document));
    // Errors (0) and warnings (1); information and hints do not count.
    const problems = diagnostics
      .filter((d) => Number(d.severity) <= Number(DiagnosticSeverity.Warning))
      .map((d) => `${d.code} at ${d.path.join('.')}: ${d.message}`);
    expect(problems).toEqual([]);
    expect(parsed?.version()).toMatch(/^3\./);
  });

  it('lists every event version with its schema, its owner as the only sender, and every consumer as a receiver', async () => {
    const { document: parsed } = await new Parser().parse(JSON.stringify(document));
    const operations = parsed!.operations().all();
    for (const entry of catalogue.entries()) {
      const channel = parsed!.channels().get(entry.type);
      expect(channel?.address()).toBe(entry.type);
      const message = channel!
        .messages()
        .all()
        .find((m) => m.title() === `${entry.type} v${entry.version}`);
      // The parser adds its own ids (x-parser-schema-id) to what it read.
      expect(message?.payload()?.properties()?.data?.json()).toMatchObject(
        events.find((e) => e.type === entry.type && e.version === entry.version)!.data,
      );

      const onChannel = operations.filter((op) =>
        op
          .channels()
          .all()
          .some((c) => c.address() === entry.type),
      );
      expect(onChannel.filter((op) => op.isSend()).map((op) => op.id())).toEqual([
        `${entry.owner}.publishes.${entry.type}`,
      ]);
      const consumers = Object.keys(subscriptions).filter((name) => subscriptions[name].includes(entry.type as never));
      expect(
        onChannel
          .filter((op) => op.isReceive())
          .map((op) => op.id())
          .sort(),
      ).toEqual(consumers.map((name) => `${name}.receives.${entry.type}`).sort());
    }
  });

  it('prints each payload from the schema its TypeScript type is inferred from', () => {
    const created = events.find((e) => e.type === 'payment.created')!;
    expect(created.owner).toBe('payments');
    expect(created.data).toMatchObject({
      type: 'object',
      properties: { paymentId: { type: 'string', format: 'uuid' }, description: { type: ['string', 'null'] } },
    });
    expect(created.data.required).toEqual(expect.arrayContaining(['paymentId', 'amount', 'createdAt']));
  });

  it.each(businessModules.map((m) => m.name))(
    'has the event tables of the %s README up to date (npm run docs:events)',
    (name) => {
      const path = join(root, 'src/modules', name, 'README.md');
      const readme = readFileSync(path, 'utf8');
      expect(readme).toBe(withEventTables(readme, name, events));
    },
  );
});
