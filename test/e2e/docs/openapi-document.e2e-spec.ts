import request from 'supertest';
import { PROBLEM_CONTENT_TYPE } from '../../../src/platform/http/problem-details';
import { startFullApp } from '../../support/full-app';
import type { TestApp } from '../../support/test-app';

interface Parameter {
  in: string;
  name: string;
  required?: boolean;
  example?: unknown;
  schema?: { format?: string; example?: unknown; default?: unknown };
}
interface Example {
  value: { status: number; code: string; type: string };
}
interface Response {
  description: string;
  content?: Record<string, { examples?: Record<string, Example> }>;
}
interface Operation {
  operationId: string;
  tags?: string[];
  parameters?: Parameter[];
  responses: Record<string, Response>;
}
interface Document {
  tags?: Array<{ name: string; description?: string }>;
  paths: Record<string, Record<string, Operation>>;
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch']);

function operationsOf(document: Document): Array<{ name: string; operation: Operation }> {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.has(method))
      .map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, operation })),
  );
}

/** The codes a response's description names ("… Codes: `A`, `B`"), as ApiProblems writes them. */
function namedCodes(response: Response): string[] {
  return [...response.description.matchAll(/`([A-Z_]+(?:\.[A-Z_]+)?)`/g)].map((match) => match[1]);
}

describe('The OpenAPI document (/docs-json)', () => {
  let app: TestApp;
  let document: Document;
  let operations: Array<{ name: string; operation: Operation }>;

  beforeAll(async () => {
    app = await startFullApp();
    document = (await request(app.url).get('/docs-json').expect(200)).body as Document;
    operations = operationsOf(document);
  });
  afterAll(() => app.close());

  it('names every operation with a unique, readable operationId', () => {
    const ids = operations.map(({ operation }) => operation.operationId);
    for (const id of ids) expect(id).toMatch(/^[a-z]+(?:[A-Z][a-z]*)+$/);
    expect(ids.filter((id) => id.includes('Controller'))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    const byName = Object.fromEntries(operations.map(({ name, operation }) => [name, operation.operationId]));
    expect(byName).toMatchObject({
      'POST /v1/payments': 'createPayment',
      'GET /v1/payments': 'listPayments',
      'GET /v1/payments/{id}': 'getPayment',
      'POST /v1/accounts/{id}/deposits': 'createDeposit',
    });
  });

  it('lists each operation under one tag, and describes every tag', () => {
    const described = new Map((document.tags ?? []).map((tag) => [tag.name, tag.description ?? '']));
    for (const { name, operation } of operations) {
      expect({ name, tags: operation.tags }).toEqual({ name, tags: [expect.any(String)] });
      const [tag] = operation.tags ?? [];
      expect({ tag, description: described.get(tag) }).toEqual({ tag, description: expect.stringMatching(/\w{3}/) });
    }
  });

  it('says that path ids are UUIDs', () => {
    const ids = operations.flatMap(({ name, operation }) =>
      (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => ({ name, param: p.name, ...p.schema })),
    );
    expect(ids.length).toBeGreaterThan(20);
    for (const id of ids) expect(id).toMatchObject({ format: 'uuid' });
  });

  it('gives each error response examples of its own problems: its status, and the codes it names', () => {
    let checked = 0;
    for (const { name, operation } of operations) {
      for (const [status, response] of Object.entries(operation.responses)) {
        const problem = response.content?.[PROBLEM_CONTENT_TYPE];
        if (!problem) continue;
        const examples = Object.values(problem.examples ?? {});
        expect({ name, status, examples: examples.length }).toEqual({ name, status, examples: expect.any(Number) });
        expect(examples.length).toBeGreaterThan(0);
        const named = namedCodes(response);
        for (const { value } of examples) {
          expect({ name, status: value.status }).toEqual({ name, status: Number(status) });
          if (named.length)
            expect({ name, code: value.code, named }).toEqual({
              name,
              code: expect.any(String),
              named: expect.arrayContaining([value.code]),
            });
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
    const getPayment = operations.find(({ name }) => name === 'GET /v1/payments/{id}')!.operation;
    const notFound = getPayment.responses['404'].content![PROBLEM_CONTENT_TYPE].examples!;
    expect(Object.values(notFound).map((example) => example.value.code)).toEqual(['PAYMENTS.PAYMENT_NOT_FOUND']);
  });

  it('leaves Idempotency-Key without a fixed example; Swagger UI fills in a fresh UUID per operation', async () => {
    const headers = operations.flatMap(({ operation }) =>
      (operation.parameters ?? []).filter((p) => p.in === 'header' && p.name === 'Idempotency-Key'),
    );
    expect(headers.length).toBeGreaterThan(5);
    for (const header of headers) {
      expect(header.example).toBeUndefined();
      expect(header.schema?.example).toBeUndefined();
      expect(header.schema?.default).toBeUndefined();
    }
    const init = (await request(app.url).get('/docs/swagger-ui-init.js').expect(200)).text;
    expect(init).toContain('parameterMacro');
    expect(init).toContain('randomUUID');
  });
});
