// A relay in a child process, for tests that kill it (SIGKILL) in the middle of its work.
// Environment: CHILD_ENV (JSON settings), HANG_LABELS (events whose handler never returns),
// JITTER_MS (a random wait in each handler, so that a kill lands in the middle of batches).
import 'reflect-metadata';
import { startMessagingApp } from './messaging-test-app';
import { ConsumerBehaviour } from './test-consumers.module';

async function main(): Promise<void> {
  const app = await startMessagingApp(JSON.parse(process.env.CHILD_ENV ?? '{}') as Record<string, string>);
  const behaviour = app.get(ConsumerBehaviour);
  for (const label of (process.env.HANG_LABELS ?? '').split(',').filter(Boolean)) behaviour.hangs.add(label);
  behaviour.jitterMs = Number(process.env.JITTER_MS ?? 0);
  process.stdout.write('ready\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
