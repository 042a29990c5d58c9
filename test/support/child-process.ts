import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

const root = resolve(__dirname, '../..');

export interface Child {
  readonly process: ChildProcess;
  output(): string;
  kill(): Promise<void>;
}

/**
 * Starts a TypeScript entry point in its own Node process (ts-node, transpile only) and resolves
 * once it prints `readyLine`. `kill()` sends SIGKILL: no shutdown hook runs, as in a crash.
 */
export function spawnTs(
  entry: string,
  env: Record<string, string | undefined>,
  readyLine = 'ready',
  timeoutMs = 30_000,
): Promise<Child> {
  return spawnNode(
    ['-r', 'ts-node/register', resolve(root, entry)],
    { TS_NODE_TRANSPILE_ONLY: 'true', ...env },
    readyLine,
    timeoutMs,
  );
}

/** `env` is added to this process's environment; an `undefined` value removes that variable. */
export function spawnNode(
  args: string[],
  env: Record<string, string | undefined>,
  readyLine: string,
  timeoutMs = 30_000,
): Promise<Child> {
  const merged = { ...process.env, ...env };
  for (const [name, value] of Object.entries(merged)) if (value === undefined) delete merged[name];
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: merged,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const handle: Child = {
    process: child,
    output: () => output,
    kill: () =>
      new Promise((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGKILL');
      }),
  };
  return new Promise((ready, fail) => {
    const timer = setTimeout(() => {
      void handle.kill();
      fail(new Error(`child did not print "${readyLine}" within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(readyLine)) {
        clearTimeout(timer);
        ready(handle);
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      fail(new Error(`child exited (${code ?? signal}) before it was ready:\n${output}`));
    });
  });
}

/**
 * SIGTERM, and waits for the exit: shutdown hooks run, so logs and spans buffered are flushed first.
 * 'close', not 'exit': the last lines may still be in the pipe when the process has exited.
 */
export async function terminate(child: Child): Promise<void> {
  if (child.process.exitCode !== null) return;
  await new Promise((done) => {
    child.process.once('close', done);
    child.process.kill('SIGTERM');
  });
}

/** A TCP port free on loopback right now. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}
