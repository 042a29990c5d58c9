// Events that exist only in tests, added to the catalogue the same way modules add theirs.
export type TestHappenedV1 = { n: number; label: string };
export type TestEchoedV1 = { originalId: string };

declare module '../../../src/platform/messaging' {
  interface IntegrationEventCatalogue {
    'test.happened': { version: 1; data: TestHappenedV1 };
    'test.echoed': { version: 1; data: TestEchoedV1 };
  }
}
