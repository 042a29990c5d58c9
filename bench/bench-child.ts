import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

// A benchmark that runs in a process of its own (so one's heap, timers and sockets never weigh on
// another's figures) prints its figures as one line: the prefix, then JSON.
const RESULT = 'BENCH_RESULT ';

/** Prints the figures of a benchmark script for `runBenchScript` (and a person) to read. */
export function reportResult(figures: object): void {
  console.log(`${RESULT}${JSON.stringify(figures)}`);
}

/** Runs `bench/<script>` (TypeScript, through ts-node) in a child process and returns the figures it reported. */
export function runBenchScript<T>(script: string, env: Record<string, string> = {}): Promise<T> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['-r', 'ts-node/register', resolve(__dirname, script)], {
      env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let figures: T | undefined;
    let pending = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        if (line.startsWith(RESULT)) figures = JSON.parse(line.slice(RESULT.length)) as T;
        else console.log(`  ${line}`);
      }
    });
    child.on('error', fail);
    child.on('close', (code) => {
      if (code === 0 && figures) done(figures);
      else fail(new Error(`bench/${script} exited with ${code}${figures ? '' : ' before reporting its figures'}`));
    });
  });
}

/** Runs `main` as a script: figures on success, the error and exit code 1 otherwise. */
export function runAsScript(main: () => Promise<object>): void {
  main()
    .then((figures) => {
      reportResult(figures);
      // Pools and timers of libraries under test must not keep a finished benchmark alive.
      process.exit(0);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
