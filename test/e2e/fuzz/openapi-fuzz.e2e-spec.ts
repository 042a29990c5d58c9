import fc from 'fast-check';
import request from 'supertest';
import { startFullApp } from '../../support/full-app';
import { casesFor, operationsOf, probe, type Finding } from '../../support/fuzz/openapi-fuzz';
import type { TestApp } from '../../support/test-app';

// Cases per operation: enough to run in npm test in seconds; `npm run fuzz` runs many more.
const RUNS = Number(process.env.FUZZ_RUNS ?? 30);

describe('Fuzzing every operation of /docs-json', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startFullApp();
  });
  afterAll(() => app.close());

  it('never answers 5xx, always problem+json for an error, and a refused request writes nothing', async () => {
    const document = (await request(app.url).get('/docs-json').expect(200)).body;
    const operations = operationsOf(document);
    expect(operations.length).toBeGreaterThan(30);
    const findings: Finding[] = [];
    for (const operation of operations) {
      await fc
        .assert(
          fc.asyncProperty(casesFor(operation), async (fuzzCase) => {
            const finding = await probe(app.url, app.dataSource, operation, fuzzCase);
            if (finding) findings.push(finding);
            return finding === null;
          }),
          { numRuns: RUNS, endOnFailure: true },
        )
        .catch(() => undefined);
    }
    // Each operation stops at its first finding; all of them, shrunk, are listed.
    expect(findings.map((f) => `${f.operation}: ${f.problem} (${f.status}) ${JSON.stringify(f.request)}`)).toEqual([]);
  });
});
