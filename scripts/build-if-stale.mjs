// `npm start` (and `npm run bench`) run this first: it builds (`npm run build`, the embedded
// database's template included) when dist/ is missing or older than any source file, so a fresh
// clone starts with `npm install && npm start` and a built one starts at once.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const output = 'dist/main.js';

function newestMtime(path) {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(path).reduce((newest, entry) => Math.max(newest, newestMtime(join(path, entry))), stats.mtimeMs);
}

const sources = ['src', 'console', 'package.json', 'tsconfig.json', 'tsconfig.build.json'].filter(existsSync);
const stale = !existsSync(output) || Math.max(...sources.map(newestMtime)) > statSync(output).mtimeMs;
if (stale) {
  console.log('Building (dist/ is missing or older than src/)…');
  // The app, the operator console (served at /console) and the embedded database's template.
  execSync('npm run build', { stdio: 'inherit' });
}
