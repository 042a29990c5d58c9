import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { copyFile, rename, rmdir } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { ConfigValidationError } from '../config/config-validation-error';

/** EMBEDDED_DB_DIR's default, where the settings and main.ts's head start both need it. */
export const DEFAULT_EMBEDDED_DB_DIR = './data/pglite';

/** What the data directory held: a cluster already, a copy of the template, or nothing yet (initdb will make one). */
export type DataDirStart = 'existing' | 'copied' | 'empty';

/** The cluster `npm run build` made (dist/pglite-template/), migrated, for a data directory not yet initialised. */
const TEMPLATE = resolve(__dirname, '../../pglite-template');

/** What a data directory held, and when it is ready to be opened. */
export interface DataDirPreparation {
  readonly start: DataDirStart;
  readonly ready: Promise<void>;
}

/** Head starts not yet taken up by the database's start, by directory. */
const headStarts = new Map<string, DataDirPreparation>();

/**
 * Makes `dataDir` ready for PGlite to open, or takes up the head start made for it. A new one
 * starts as a copy of the template, which is what initdb and the migrations would leave, in a
 * fraction of their time and memory. Throws, at once, for a directory holding other files.
 */
export function prepareEmbeddedDataDir(dataDir: string): DataDirPreparation {
  const absolute = resolve(dataDir);
  const headStart = headStarts.get(absolute);
  headStarts.delete(absolute);
  return headStart ?? prepare(absolute);
}

/**
 * Begins preparing `dataDir` now, for the database's start to take up later. Everything up to the
 * copy's start is synchronous and every file is handed to libuv's threads at once: called before
 * the app's code loads (main.ts), the copy runs on those threads while the main thread is busy
 * loading for a second or more, instead of after it. A refusal is left for the start to report.
 */
export function headStartEmbeddedDataDir(dataDir: string): void {
  const absolute = resolve(dataDir);
  try {
    const preparation = prepare(absolute);
    // Nobody may ever wait for it (the start failed on a setting first): that must not crash the process.
    preparation.ready.catch(() => undefined);
    headStarts.set(absolute, preparation);
  } catch {
    // The start prepares again, and reports it then.
  }
}

function prepare(dataDir: string): DataDirPreparation {
  if (existsSync(join(dataDir, 'PG_VERSION'))) return { start: 'existing', ready: Promise.resolve() };
  // A new cluster, copied or made, goes only where nothing else is.
  refuseOtherFiles(dataDir);
  if (!existsSync(TEMPLATE)) {
    mkdirSync(dataDir, { recursive: true });
    return { start: 'empty', ready: Promise.resolve() };
  }
  return { start: 'copied', ready: copyTemplate(dataDir) };
}

/**
 * The copy is made beside the data directory and renamed into place, so a start killed halfway
 * leaves no cluster half copied, only a leftover the next start replaces.
 */
async function copyTemplate(dataDir: string): Promise<void> {
  const partial = `${dataDir}.copying`;
  rmSync(partial, { recursive: true, force: true });
  const entries = readdirSync(TEMPLATE, { recursive: true, withFileTypes: true });
  const within = (entry: (typeof entries)[number]) => relative(TEMPLATE, join(entry.parentPath, entry.name));
  mkdirSync(partial, { recursive: true });
  for (const entry of entries) if (entry.isDirectory()) mkdirSync(join(partial, within(entry)), { recursive: true });
  const files = entries.filter((entry) => entry.isFile()).map(within);
  await Promise.all(files.map((file) => copyFile(join(TEMPLATE, file), join(partial, file))));
  // Empty, or missing (see refuseOtherFiles): rmdir removes nothing else.
  await rmdir(dataDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
  await rename(partial, dataDir);
}

/** An empty data directory (made by hand, say) gives way to a new cluster; one with other files in it does not. */
function refuseOtherFiles(dataDir: string): void {
  if (!existsSync(dataDir) || readdirSync(dataDir).length === 0) return;
  throw new ConfigValidationError(
    `EMBEDDED_DB_DIR (${dataDir}) holds files but no database: empty it, or set EMBEDDED_DB_DIR to another directory`,
  );
}
