import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { BEARER_SCHEME, SCOPE_EXTENSION } from '../platform/auth/auth.decorators';

const DESCRIPTION = `
A payments platform: accounts with a double-entry ledger, payments with risk checks, refunds,
a notification feed and signed webhooks.

* **Authentication**: every \`/v1\` operation takes an API key, \`Authorization: Bearer sk_…\` (press **Authorize** above). No key or an unknown or revoked one is a 401 \`AUTH.UNAUTHENTICATED\`; a key without the operation's scope a 403 \`AUTH.FORBIDDEN\`. A key bound to an owner sees only that owner's accounts and what hangs off them; anything else answers 404.
* **Money** is an integer amount in minor units (\`1050\` is 10.50 USD) with an ISO 4217 \`currency\`.
* **Errors** are \`application/problem+json\` (RFC 9457) with a stable \`code\` and, for invalid input, \`errors[]\` per field.
* **Idempotency**: POSTs that create or move money take an \`Idempotency-Key\` header; retrying with the same key and body replays the first response.
* **Lists** take \`limit\` and \`startingAfter\` and return \`{ data, hasMore, nextCursor }\`, newest first.
* Every response carries \`X-Request-Id\`, which is also the correlation id of the events the request causes.
`;

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

export function setUpSwagger(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Payments platform API')
    .setDescription(DESCRIPTION)
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key: sk_…' }, BEARER_SCHEME)
    .build();
  const document = SwaggerModule.createDocument(app, config);
  describeScopes(document);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs-json',
    yamlDocumentUrl: 'docs-yaml',
    swaggerOptions: { persistAuthorization: true },
  });
}
