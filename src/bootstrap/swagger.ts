import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

const DESCRIPTION = `
A payments platform: accounts with a double-entry ledger, payments with risk checks, refunds,
a notification feed and signed webhooks.

* **Money** is an integer amount in minor units (\`1050\` is 10.50 USD) with an ISO 4217 \`currency\`.
* **Errors** are \`application/problem+json\` (RFC 9457) with a stable \`code\` and, for invalid input, \`errors[]\` per field.
* **Idempotency**: POSTs that create or move money take an \`Idempotency-Key\` header; retrying with the same key and body replays the first response.
* **Lists** take \`limit\` and \`startingAfter\` and return \`{ data, hasMore, nextCursor }\`, newest first.
* Every response carries \`X-Request-Id\`, which is also the correlation id of the events the request causes.
`;

export function setUpSwagger(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Payments platform API')
    .setDescription(DESCRIPTION)
    .setVersion('1')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', yamlDocumentUrl: 'docs-yaml' });
}
