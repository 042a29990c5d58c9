#!/usr/bin/env node
// `npm run module:new <name>`: generates a module with plop's engine (node-plop), without prompts,
// so it runs the same from a terminal, a script or a test. A refused name is one line and exit code 1.
import nodePlop from 'node-plop';
import { spawnSync } from 'node:child_process';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { refusal } from './names.mjs';

const root = process.cwd();
// --skip-client: leave client/schema.d.ts alone (the generator's own test, in a copy with no build).
const skipClient = process.argv.includes('--skip-client');
const args = process.argv.slice(2).filter((arg) => arg !== '--skip-client');
const name = args[0];

const problem = args.length > 1 ? `one name only (got ${args.length}: ${args.join(' ')})` : refusal(name, root);
if (problem) {
  process.stderr.write(`module:new: ${problem}\n`);
  process.exit(1);
}

const plop = await nodePlop(join(dirname(fileURLToPath(import.meta.url)), 'plopfile.mjs'), {
  destBasePath: root,
  force: false,
});
const { changes, failures } = await plop.getGenerator('module').runActions({ name });
if (failures.length > 0) {
  for (const failure of failures) process.stderr.write(`module:new: ${failure.path || failure.type}: ${failure.error}\n`);
  process.exit(1);
}
// The README's event tables come from the catalogue, the new module's events included.
const tables = spawnSync(process.execPath, ['-r', 'ts-node/register', 'scripts/event-tables.ts'], {
  cwd: root,
  env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true' },
  encoding: 'utf8',
});
if (tables.status !== 0) {
  process.stderr.write(`module:new: writing the README's event tables failed: ${tables.stderr.trim().split('\n')[0]}\n`);
  process.exit(1);
}
// plop's own report of each action is noisy; this says what changed, in the order a reader checks it.
const files = (dir) => changes.filter((c) => c.type === 'addMany' && c.path.includes(`/${dir}/`)).length > 0;
process.stdout.write(
  [
    files(`src/modules/${name}`) && `created  src/modules/${name}/`,
    files(`test/e2e/${name}`) && `created  test/e2e/${name}/${name}.e2e-spec.ts`,
    `edited   src/modules.ts (registered), src/platform/auth/scopes.ts (${name}:read, ${name}:write),`,
    `         src/bootstrap/swagger.ts (its tag), .env.example (its settings), its README's event tables`,
    '',
    skipClient
      ? 'Left client/schema.d.ts as it was (--skip-client): run npm run client:generate before npm test.'
      : 'Regenerating the typed client (client/schema.d.ts) from the API the module extends:',
    '',
  ]
    .filter((line) => line !== false)
    .join('\n'),
);

// The typed client is generated from /docs-json, which the new routes change: npm test checks it is current.
if (!skipClient) {
  const generated = spawnSync('npm', ['run', '--silent', 'client:generate'], { cwd: root, stdio: 'inherit' });
  if (generated.status !== 0) {
    process.stderr.write('module:new: the module is generated, but npm run client:generate failed: run it again\n');
    process.exit(1);
  }
}
process.stdout.write(`\nNext: npm run typecheck && npm test; then docs/adding-a-module.md, from "What you got".\n`);
