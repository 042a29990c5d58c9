import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp } from './app-process';

export interface EmbeddedFigures {
  /** From spawn to the first 200 of /health/ready, on an empty data directory. */
  readonly firstStartSeconds: number;
  /** Resident memory then, and its peak so far, in MiB. */
  readonly firstStartRssMiB: number;
  readonly firstStartPeakMiB: number;
  /** The same, started again on the data the first start left. */
  readonly restartSeconds: number;
  readonly restartRssMiB: number;
}

/** `npm start`'s embedded mode (no DATABASE_URL): time to ready and memory, first start and restart. */
export async function measureEmbeddedStart(port: number): Promise<EmbeddedFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-embedded-'));
  const env = { DATABASE_URL: undefined, EMBEDDED_DB_DIR: join(dir, 'pglite') };
  try {
    const first = await startApp(port, env, '/health/ready');
    const firstMemory = first.memory();
    await first.stop();
    const again = await startApp(port, env, '/health/ready');
    const againMemory = again.memory();
    await again.stop();
    return {
      firstStartSeconds: first.startSeconds,
      firstStartRssMiB: firstMemory.rssMiB,
      firstStartPeakMiB: firstMemory.peakMiB,
      restartSeconds: again.startSeconds,
      restartRssMiB: againMemory.rssMiB,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
