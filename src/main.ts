import { DEFAULT_EMBEDDED_DB_DIR, headStartEmbeddedDataDir } from './platform/database/embedded-data-dir';

// Loading the app's code (Nest, TypeORM, PGlite) takes seconds on a slow machine before any log
// line can be written: a person at a terminal is told at once that the start is under way. Not
// for pipes, whose readers (log collectors, tests) want only log lines.
if (process.stdout.isTTY) process.stdout.write('Starting the payments platform…\n');

// Without DATABASE_URL a first start copies the embedded database's template: begun now, the copy
// runs while that code loads instead of after it (the settings are checked later, as ever).
if (process.env.DATABASE_URL === undefined) {
  headStartEmbeddedDataDir(process.env.EMBEDDED_DB_DIR ?? DEFAULT_EMBEDDED_DB_DIR);
}

void import('./bootstrap/serve.js').then(({ serve, reportStartFailure }) => serve().catch(reportStartFailure));
