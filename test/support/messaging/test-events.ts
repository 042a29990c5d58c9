import { z } from 'zod';
import { defineEvents, type CatalogueOf } from '../../../src/platform/contracts';

// Events that exist only in tests, defined and added to the catalogue the way modules add theirs.
export const TestHappenedV1 = z.object({ n: z.number().int(), label: z.string() });
export type TestHappenedV1 = z.infer<typeof TestHappenedV1>;
export const TestEchoedV1 = z.object({ originalId: z.string() });
export type TestEchoedV1 = z.infer<typeof TestEchoedV1>;

/** Owned by `tests`, the source of the test modules' publishers (MessagingModule.forFeature('tests')). */
export const testEvents = defineEvents({
  owner: 'tests',
  subject: 'a label',
  events: {
    'test.happened': { 1: { summary: 'Something happened in a test', data: TestHappenedV1 } },
    'test.echoed': { 1: { summary: 'The echo consumer saw test.happened', data: TestEchoedV1 } },
  },
});

/** An event the tests' publisher does not own: publishing it must be refused. */
export const foreignEvents = defineEvents({
  owner: 'elsewhere',
  subject: 'a label',
  events: { 'test.foreign': { 1: { summary: "Another module's event", data: TestHappenedV1 } } },
});

declare module '../../../src/platform/contracts' {
  interface IntegrationEventCatalogue extends CatalogueOf<typeof testEvents>, CatalogueOf<typeof foreignEvents> {}
}
