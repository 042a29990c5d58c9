import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { BENCH_ADMIN_KEY } from './api';

/** A server the benchmark started (the application, or a reference), with what it measured about its start. */
export interface ServerProcess {
  readonly base: string;
  readonly pid: number;
  /** From spawn to the first 200 of `readyPath`. */
  readonly startSeconds: number;
  /** Resident memory now and at its peak, in MiB (Linux /proc; NaN elsewhere). */
  memory(): { rssMiB: number; peakMiB: number };
  stop(): Promise<void>;
}

export async function startServer(options: {
  args: string[];
  port: number;
  env: Record<string, string | undefined>;
  readyPath?: string;
  timeoutMs?: number;
}): Promise<ServerProcess> {
  const base = `http://127.0.0.1:${options.port}`;
  const started = Date.now();
  const child: ChildProcess = spawn(process.execPath, options.args, {
    env: { ...process.env, PORT: String(options.port), HOST: '127.0.0.1', ...options.env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  const stop = async () => {
    if (!exited) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exit;
    clearTimeout(timer);
  };
  const deadline = started + (options.timeoutMs ?? 60_000);
  while (Date.now() < deadline && !exited) {
    const ok = await fetch(base + (options.readyPath ?? '/health/live')).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) {
      const startSeconds = (Date.now() - started) / 1000;
      return { base, pid: child.pid!, startSeconds, memory: () => memoryOf(child.pid!), stop };
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  await stop();
  throw new Error(`${options.args.join(' ')} did not become ready on port ${options.port}`);
}

/** The built application (dist/main.js), quiet, on `port`. */
export function startApp(
  port: number,
  env: Record<string, string | undefined>,
  readyPath?: string,
): Promise<ServerProcess> {
  const main = resolve(__dirname, '../dist/main.js');
  if (!existsSync(main)) throw new Error('dist/main.js is missing: run "npm run build" first');
  // A V8 CPU profile of the app, written to that folder when it stops (NODE_OPTIONS cannot ask for one).
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  return startServer({
    args: [...profile, main],
    port,
    readyPath,
    env: {
      LOG_LEVEL: 'warn',
      LOG_PRETTY: 'false',
      ADMIN_API_KEY: BENCH_ADMIN_KEY,
      RATE_LIMIT_ENABLED: 'false',
      ...env,
    },
  });
}

function memoryOf(pid: number): { rssMiB: number; peakMiB: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
    return { rssMiB: kib('VmRSS') / 1024, peakMiB: kib('VmHWM') / 1024 };
  } catch {
    return { rssMiB: NaN, peakMiB: NaN };
  }
}
