import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/** What `GET /` answers: where a newcomer who typed the bare address goes next. Open, as /docs is. */
const HOME = {
  name: 'Payments platform API',
  links: {
    docs: { href: '/docs', title: 'Swagger UI: every operation, with Try it out' },
    openapi: { href: '/docs-json', title: 'The OpenAPI 3 document' },
    events: { href: '/docs/events', title: 'The integration events, with their payloads, publishers and consumers' },
    health: { href: '/health/ready', title: 'Whether this instance can serve' },
    console: { href: '/console', title: 'The operator console (an admin API key signs in)' },
  },
};

export function serveHome(app: NestFastifyApplication): void {
  app
    .getHttpAdapter()
    .getInstance()
    .get('/', (_request, reply) => reply.send(HOME));
}
