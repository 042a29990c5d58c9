import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { BEARER_SCHEME, SCOPE_EXTENSION } from '../platform/auth/auth.decorators';

const DESCRIPTION = `
A payments platform: accounts with a double-entry ledger, payments with risk checks, refunds,
a notification feed and signed webhooks.

* **Authentication**: every \`/v1\` operation takes an API key, \`Authorization: Bearer sk_…\` (press **Authorize** above). No key or an unknown or revoked one is a 401 \`AUTH.UNAUTHENTICATED\`; a key without the operation's scope a 403 \`AUTH.FORBIDDEN\`. A key bound to an owner sees only that owner's accounts and what hangs off them; anything else answers 404.
* **Money** is an integer amount in minor units (\`1050\` is 10.50 USD) with an ISO 4217 \`currency\`.
* **Errors** are \`application/problem+json\` (RFC 9457) with a stable \`code\` and, for invalid input, \`errors[]\` per field.
* **Idempotency**: POSTs that create or move money take an \`Idempotency-Key\` header: a new value per operation (a UUID), the same one only for its retries, which replay the first response. **Try it out** fills in a fresh UUID for each operation.
* **Lists** take \`limit\` and \`startingAfter\` and return \`{ data, hasMore, nextCursor }\`, newest first.
* Every response carries \`X-Request-Id\`, which is also the correlation id of the events the request causes.

The integration events are described at [/docs/events](/docs/events).
`;

/** Each tag's description: what its operations are for. A tag an operation uses must be listed (the OpenAPI test checks). */
const TAGS: Record<string, string> = {
  Accounts: 'Accounts and their balances, their ledger entries, deposits and withdrawals',
  Payments: 'Payments between accounts (automatic or manual capture), their timeline and refunds',
  Risk: 'Risk rules, the blocklist, assessments of payments and the manual review queue',
  Notifications: "The notification feed of an owner's accounts",
  Webhooks: 'Webhook endpoints (Standard Webhooks signatures) and the messages sent to them',
  Events: 'The integration events the platform published: listed, or followed live',
  'Admin: API keys': 'API keys and their scopes (admin only)',
  'Admin: ledger': 'Checks of the double-entry ledger (admin only)',
  'Admin: messaging': 'The event backbone: backlog, dead letters, retries and replay (admin only)',
  Operations: 'Health checks and Prometheus metrics, for load balancers and monitoring',
};

/**
 * operationIds that the rule in `operationIdOf` would not make readable, by `Controller.method`.
 * Clients generated from the document name their functions after them.
 */
const OPERATION_IDS: Record<string, string> = {
  'MoneyMovementsController.deposit': 'createDeposit',
  'MoneyMovementsController.withdraw': 'createWithdrawal',
  'LedgerController.entries': 'listAccountEntries',
  'LedgerController.integrity': 'checkLedgerIntegrity',
  'RulesController.get': 'getRiskRules',
  'RulesController.replace': 'replaceRiskRules',
  'RulesController.history': 'listRiskRuleHistory',
  'BlocklistController.block': 'blockAccount',
  'BlocklistController.unblock': 'unblockAccount',
  'AssessmentsController.reviews': 'listReviews',
  'AssessmentsController.approve': 'approveReview',
  'AssessmentsController.reject': 'rejectReview',
  'PaymentsController.events': 'getPaymentTimeline',
  'NotificationsController.markRead': 'markNotificationRead',
  'WebhookEndpointsController.rotateSecret': 'rotateWebhookEndpointSecret',
  'WebhookEndpointsController.messages': 'listWebhookEndpointMessages',
  'MetricsController.metrics': 'getMetrics',
  'MessagingAdminController.stats': 'getMessagingStats',
  'MessagingAdminController.deadLetters': 'listDeadLetters',
  'MessagingAdminController.retryAll': 'retryAllDeadLetters',
  'MessagingAdminController.retry': 'retryDeadLetter',
  'MessagingAdminController.replay': 'replayEvent',
  'HealthController.live': 'checkLiveness',
  'HealthController.ready': 'checkReadiness',
  'EventsController.stream': 'streamEvents',
};

/**
 * \`PaymentsController.create\` → \`createPayment\`, \`.list\` → \`listPayments\`: the verb, then the
 * controller's noun (singular but for lists), instead of Nest's \`PaymentsController_create\`.
 */
function operationIdOf(controllerKey: string, methodKey: string): string {
  const known = OPERATION_IDS[`${controllerKey}.${methodKey}`];
  if (known) return known;
  const noun = controllerKey.replace(/Controller$/, '');
  return methodKey === 'list' ? `list${noun}` : `${methodKey}${noun.replace(/s$/, '')}`;
}

/** Every public id is a UUID v7 (src/platform/ids.ts): path ids say so, which clients and fuzzers read. */
function markIdParameters(document: OpenAPIObject): void {
  for (const path of Object.values(document.paths)) {
    for (const value of Object.values(path) as unknown[]) {
      const operation = value as { parameters?: Array<{ in?: string; name?: string; schema?: object }> } | undefined;
      for (const parameter of operation?.parameters ?? []) {
        if (parameter.in === 'path' && /^id$|Id$/.test(parameter.name ?? '')) {
          parameter.schema = { ...parameter.schema, type: 'string', format: 'uuid' };
        }
      }
    }
  }
}

/**
 * Swagger UI's default for each parameter: a fresh UUID for \`Idempotency-Key\`, so that one
 * operation's Try-it-out never replays, or collides with, another's. Runs in the browser (Swagger
 * UI serialises it as source): nothing from this file is in scope there.
 */
function parameterMacro(_operation: unknown, parameter: { name?: string; default?: unknown }): unknown {
  if (parameter.name !== 'Idempotency-Key') return parameter.default;
  const random = globalThis.crypto;
  if (typeof random.randomUUID === 'function') return random.randomUUID();
  // randomUUID needs a secure context (https or localhost); the docs may be opened over plain http.
  const bytes = random.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Writes each operation's scope (declared by `@RequireScope`) at the head of its description. */
function describeScopes(document: OpenAPIObject): void {
  for (const path of Object.values(document.paths)) {
    for (const value of Object.values(path) as unknown[]) {
      const operation = value as { description?: string; [SCOPE_EXTENSION]?: unknown } | undefined;
      const scope = operation?.[SCOPE_EXTENSION];
      if (!operation || typeof scope !== 'string') continue;
      const needs = scope === 'admin' ? '`admin`' : `\`${scope}\` (or \`admin\`)`;
      operation.description = [`**Scope:** ${needs}.`, operation.description].filter(Boolean).join('\n\n');
    }
  }
}

/** The OpenAPI document of the app, as /docs-json serves it. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('Payments platform API')
    .setDescription(DESCRIPTION)
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key: sk_…' }, BEARER_SCHEME);
  for (const [name, description] of Object.entries(TAGS)) builder.addTag(name, description);
  const document = SwaggerModule.createDocument(app, builder.build(), {
    operationIdFactory: operationIdOf,
    // Only the tags a controller names: an automatic one beside them lists its operations twice.
    autoTagControllers: false,
  });
  describeScopes(document);
  markIdParameters(document);
  return document;
}

export function setUpSwagger(app: INestApplication): void {
  SwaggerModule.setup('docs', app, buildOpenApiDocument(app), {
    jsonDocumentUrl: 'docs-json',
    yamlDocumentUrl: 'docs-yaml',
    swaggerOptions: { persistAuthorization: true, parameterMacro },
  });
}
