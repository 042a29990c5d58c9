import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import { api } from '../api';

/** One operation of the OpenAPI document, as the fuzzer needs it. */
export interface Operation {
  readonly method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  readonly path: string;
  readonly queryNames: readonly string[];
  readonly bodyProperties: readonly string[] | null;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string }>; requestBody?: unknown }>>;
  components?: { schemas?: Record<string, { properties?: Record<string, unknown> }> };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

export function operationsOf(document: OpenApiDocument): Operation[] {
  const schemaProperties = (body: unknown): string[] | null => {
    const schema = (body as { content?: Record<string, { schema?: { $ref?: string; properties?: object } }> })
      ?.content?.['application/json']?.schema;
    if (!schema) return null;
    const resolved = schema.$ref ? document.components?.schemas?.[schema.$ref.split('/').pop()!] : schema;
    return Object.keys(resolved?.properties ?? {});
  };
  return (
    Object.entries(document.paths)
      // A Server-Sent Events stream never ends: a request to it has no answer to judge.
      .filter(([path]) => !path.endsWith('/stream'))
      .flatMap(([path, item]) =>
        METHODS.filter((method) => item[method]).map((method) => ({
          method,
          path,
          queryNames: (item[method].parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
          bodyProperties: schemaProperties(item[method].requestBody),
        })),
      )
  );
}

/** Strings that broke APIs before: empty, NUL, lone surrogates, injections, long, non-UUID ids… */
const oddString = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\ud800',
    '\udfff',
    'abc',
    "' OR 1=1--",
    '😀',
    '%ZZ',
    '../..',
    'null',
    '-1',
    '1e309',
  ),
  fc.constant('x'.repeat(300)),
  fc.uuid(),
  fc.uuid().map((id) => id.toUpperCase()),
);

const oddNumber = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 1.5, 2 ** 53, 2 ** 60, Number.MAX_SAFE_INTEGER, -0),
);

const oddLeaf = fc.oneof(oddString, oddNumber, fc.boolean(), fc.constant(null));

const oddValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    oddLeaf,
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(oddString, tie('value'), { maxKeys: 3 }),
  ),
})).value;

/** Arrays nested `depth` deep: bodies that overflow recursive code. */
const deep = fc.integer({ min: 30, max: 3000 }).map((depth) => JSON.parse('['.repeat(depth) + ']'.repeat(depth)));

function bodyFor(properties: readonly string[] | null): fc.Arbitrary<unknown> {
  const shaped =
    properties && properties.length
      ? fc.record(Object.fromEntries(properties.map((name) => [name, oddValue])), { requiredKeys: [] })
      : fc.dictionary(oddString, oddValue, { maxKeys: 4 });
  return fc.oneof(shaped, shaped, oddValue, deep);
}

export interface FuzzCase {
  readonly url: string;
  readonly query: Record<string, string>;
  readonly body: unknown;
  readonly idempotencyKey: string | null;
}

export function casesFor(operation: Operation): fc.Arbitrary<FuzzCase> {
  const params = operation.path.match(/\{[^}]+\}/g) ?? [];
  return fc.record({
    url: fc.tuple(...params.map(() => oddString), fc.boolean()).map((values) => {
      const encode = values.pop() as boolean;
      let url = operation.path;
      for (const [index, param] of params.entries()) {
        const value = String(values[index]);
        url = url.replace(param, encode ? encodeURIComponent(value) : value.replace(/[^\x21-\x7e]/g, '_'));
      }
      return url;
    }),
    query: fc.dictionary(
      fc.oneof(fc.constantFrom(...(operation.queryNames.length ? operation.queryNames : ['limit'])), oddString),
      oddString.map(String),
      { maxKeys: 3 },
    ),
    body:
      operation.method === 'get' || operation.method === 'delete'
        ? fc.constant(undefined)
        : bodyFor(operation.bodyProperties),
    idempotencyKey: fc.option(oddString.map(String), { nil: null }),
  });
}

/**
 * Rows written by request handlers themselves (not by event consumers, which run later and on
 * their own): a refused request must leave every count as it was. Not idempotency keys: a
 * business refusal is stored under its key on purpose, to be replayed (API.md).
 */
const WRITTEN_BY_REQUESTS = [
  'accounts.accounts',
  'accounts.journals',
  'payments.payments',
  'payments.refunds',
  'risk.blocklist',
  'risk.rules_history',
  'notifications.webhook_endpoints',
  'platform.api_keys',
  'platform.decisions',
];

export async function rowCounts(dataSource: DataSource): Promise<string> {
  const [row] = await dataSource.query(
    `SELECT ${WRITTEN_BY_REQUESTS.map((t, i) => `(SELECT count(*) FROM ${t}) AS c${i}`).join(', ')}`,
  );
  return JSON.stringify(row);
}

export interface Finding {
  readonly operation: string;
  readonly request: FuzzCase;
  readonly status: number;
  readonly problem: string;
}

/** Sends one case and says what is wrong with the answer, if anything. */
export async function probe(
  url: string,
  dataSource: DataSource,
  operation: Operation,
  fuzzCase: FuzzCase,
): Promise<Finding | null> {
  const before = await rowCounts(dataSource);
  let call = api(url)[operation.method](fuzzCase.url).query(fuzzCase.query);
  if (fuzzCase.idempotencyKey !== null) call = call.set('Idempotency-Key', fuzzCase.idempotencyKey);
  if (fuzzCase.body !== undefined)
    call = call.set('Content-Type', 'application/json').send(JSON.stringify(fuzzCase.body));
  const response = await call;
  const name = `${operation.method.toUpperCase()} ${operation.path}`;
  const found = (problem: string): Finding => ({
    operation: name,
    request: fuzzCase,
    status: response.status,
    problem,
  });
  if (response.status >= 500) return found(`a ${response.status}: ${JSON.stringify(response.body)}`);
  if (!response.headers['x-request-id']) return found('no X-Request-Id');
  if (response.status >= 400) {
    if (!String(response.headers['content-type']).includes('application/problem+json')) {
      return found(`an error that is not problem+json (${response.headers['content-type']})`);
    }
    const after = await rowCounts(dataSource);
    if (after !== before) return found(`a refused request wrote rows: ${before} → ${after}`);
  }
  return null;
}
