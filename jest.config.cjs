// Nest 12, uuid and a few of their dependencies ship ES modules only; swc turns them (and our
// TypeScript, with legacy decorators and metadata) into CommonJS for jest.
const esmOnly = [
  '@nestjs',
  'content-disposition',
  'cookie',
  'file-type',
  'strtok3',
  'token-types',
  '@tokenizer',
  'uint8array-extras',
  '@borewit',
  'uuid',
];

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2023',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

const base = {
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  transform: { '^.+\\.(t|j|mj)s$': swc },
  transformIgnorePatterns: [`node_modules/(?!(${esmOnly.join('|')})/)`],
};

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 60_000,
  // Two suites at a time, whatever the core count (jest's default on 2 cores is one): most of a
  // suite's time is spent waiting (for an app to boot, a saga to settle, a lease to run out), so
  // two halve the run on 2 cores. Each worker has its own databases and vhosts (global-setup.cjs).
  maxWorkers: 2,
  globalSetup: '<rootDir>/test/support/global-setup.cjs',
  globalTeardown: '<rootDir>/test/support/global-teardown.cjs',
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    { ...base, displayName: 'architecture', testMatch: ['<rootDir>/test/architecture/**/*.spec.ts'] },
    // Runs `npm run module:new` in a copy of the repository, then that copy's checks and the new module's tests.
    { ...base, displayName: 'generator', testMatch: ['<rootDir>/test/generator/**/*.spec.ts'] },
    { ...base, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.int-spec.ts'] },
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'] },
    // The same scenarios with notifications in a second app on its own database, fed by RabbitMQ.
    // Not here: the crash test spawns the built app itself, in one process; malformed HTTP would meet
    // the test gateway's parser, not the app's; the console, dashboard and API document tests are not
    // topology tests.
    {
      ...base,
      displayName: 'e2e-split',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      testPathIgnorePatterns: ['/crash-recovery\\.', '/console/', '/docs/', '/observability/', '/hardening/malformed-input\\.'],
      setupFiles: ['<rootDir>/test/support/split-topology.cjs'],
    },
  ],
};
