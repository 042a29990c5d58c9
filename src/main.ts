// Loading the app's code (Nest, TypeORM, PGlite) takes seconds on a slow machine before any log
// line can be written: a person at a terminal is told at once that the start is under way. Not
// for pipes, whose readers (log collectors, tests) want only log lines.
if (process.stdout.isTTY) process.stdout.write('Starting the payments platform…\n');

void import('./bootstrap/serve.js').then(({ serve, reportStartFailure }) => serve().catch(reportStartFailure));
