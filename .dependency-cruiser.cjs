/**
 * The architecture, as rules that fail the build (run by `npm test`, see
 * test/architecture/architecture.spec.ts, which also proves each rule fires on a deliberate
 * violation in test/architecture/fixtures).
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'module-boundaries',
      comment: "A module may import another module's public contracts only, never its internals.",
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/' },
      to: {
        path: '^src/modules/([^/]+)/',
        pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/contracts/'],
      },
    },
    {
      name: 'platform-knows-no-module',
      comment: 'The platform serves every module and knows none of them.',
      severity: 'error',
      from: { path: '^src/platform/' },
      to: { path: '^src/modules/' },
    },
    {
      name: 'platform-public-surface',
      comment:
        "Modules use the platform through each area's index.ts (platform/messaging, platform/http, ...) or a single-file area (platform/ids); what lies behind an index is the platform's to change.",
      severity: 'error',
      from: { path: '^src/modules/' },
      to: {
        path: '^src/platform/',
        pathNot: ['^src/platform/[^/]+\\.ts$', '^src/platform/[^/]+/index\\.ts$'],
      },
    },
    {
      name: 'contracts-are-self-contained',
      comment: "Contracts are what other modules import: they may use the platform and other contracts, never their module's internals.",
      severity: 'error',
      from: { path: '^src/modules/[^/]+/contracts/' },
      to: { path: '^src/modules/[^/]+/(?!contracts/)' },
    },
    {
      name: 'domain-is-pure',
      comment:
        'Domain code holds business rules only: no Nest, no ORM, no HTTP, no other layer, not even through a platform helper that brings them.',
      severity: 'error',
      from: { path: '^src/modules/[^/]+/domain/' },
      to: {
        path: [
          '^src/modules/[^/]+/(application|infrastructure|api)/',
          '(^|/)node_modules/(@nestjs|typeorm|fastify|pg|class-validator|class-transformer)/',
        ],
        reachable: true,
      },
    },
    {
      name: 'api-sees-no-infrastructure',
      comment:
        'Controllers and DTOs work with commands, queries and the domain or read types they return: no row, entity or repository reaches them, directly or through a command or query.',
      severity: 'error',
      from: { path: '^src/modules/[^/]+/api/' },
      to: { path: '^src/modules/[^/]+/infrastructure/', reachable: true },
    },
    {
      name: 'consumers-hand-events-to-commands',
      comment:
        "A consumer (application/event-handlers) hands its event to a command and does nothing else: the command's handler holds the logic and calls the repositories.",
      severity: 'error',
      from: { path: '^src/modules/[^/]+/application/event-handlers/' },
      to: { path: '^src/modules/[^/]+/infrastructure/', reachable: true },
    },
    {
      name: 'layers-point-inward',
      comment: 'The api layer is the outermost: nothing else in a module imports it.',
      severity: 'error',
      from: { path: '^src/modules/[^/]+/(contracts|domain|application|infrastructure)/' },
      to: { path: '^src/modules/[^/]+/api/' },
    },
    {
      name: 'modules-know-no-transport',
      comment:
        'Module code publishes and consumes through the platform; how events travel (in-process, RabbitMQ) is configuration, so a module moves to its own process unchanged.',
      severity: 'error',
      from: { path: '^src/modules/' },
      to: {
        path: [
          '^src/platform/messaging/(rabbitmq|transport)/',
          '(^|/)node_modules/(amqplib|amqp-connection-manager|rabbitmq-client)/',
        ],
      },
    },
    {
      name: 'modules-know-no-tracing',
      comment:
        "Tracing is the platform's: the HTTP layer and the consumer runner make the spans, and the trace context travels in the request context and the envelope, so handlers never touch OpenTelemetry.",
      severity: 'error',
      from: { path: '^src/modules/' },
      to: { path: '(^|/)node_modules/@opentelemetry/' },
    },
    {
      name: 'no-circular',
      comment: 'Cycles make modules impossible to move or test on their own.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.spec\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
    moduleSystems: ['cjs', 'es6'],
  },
};
