import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';

const root = resolve(__dirname, '../..');
/** What a module's code, its tests and its checks need from the repository; node_modules is linked, not copied. */
const COPIED = [
  'src',
  'test',
  'bench',
  'client',
  'scripts',
  'package.json',
  'tsconfig.json',
  'ormconfig.ts',
  '.dependency-cruiser.cjs',
  'eslint.config.mjs',
  'jest.config.cjs',
  '.env.example',
];
const NAME = 'gift-cards';

/** The generated module's tests get databases of their own beside this suite's (see global-setup.cjs). */
const databaseBase = `${process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/payments_test'}_generated`;

interface Run {
  status: number | null;
  output: string;
}

function run(cwd: string, command: string, args: string[], env: Record<string, string> = {}): Run {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  // This jest's own worker and topology must not leak into the jest it starts.
  delete childEnv.JEST_WORKER_ID;
  delete childEnv.TEST_TOPOLOGY;
  const result = spawnSync(command, args, { cwd, env: childEnv, encoding: 'utf8', timeout: 240_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}${result.error?.message ?? ''}` };
}

const bin = (copy: string, tool: string) => join(copy, 'node_modules/.bin', tool);

describe('npm run module:new', () => {
  let copy: string;

  beforeAll(() => {
    copy = mkdtempSync(join(tmpdir(), 'module-new-'));
    for (const entry of COPIED) cpSync(join(root, entry), join(copy, entry), { recursive: true });
    symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');
  });

  afterAll(async () => {
    rmSync(copy, { recursive: true, force: true });
    const url = new URL(databaseBase);
    const name = url.pathname.slice(1);
    url.pathname = '/postgres';
    const admin = new Client({ connectionString: url.toString() });
    await admin.connect();
    try {
      for (const database of [`${name}_1`, `${name}_split_1`, `${name}_split_1_notifications`]) {
        await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      }
    } finally {
      await admin.end();
    }
    spawnSync('rabbitmqctl', ['--quiet', 'delete_vhost', `${name}_split_1`], { stdio: 'ignore', timeout: 60_000 });
  });

  const generate = (...args: string[]) => run(copy, process.execPath, ['scripts/module-generator/module-new.mjs', ...args]);

  it.each([
    [[], /give the new module's name/],
    [['GiftCards'], /is not a module name/],
    [['gift_cards'], /is not a module name/],
    [['1st'], /is not a module name/],
    [['kyc2'], /is not a module name/],
    [['gift--cards'], /is not a module name/],
    [['payments'], /exists already/],
    [['events'], /taken by the platform/],
    [['user'], /cannot name a PostgreSQL schema/],
    [['a', 'b'], /one name only/],
  ])('refuses %j with one line and writes nothing', (args, reason) => {
    const modulesBefore = readFileSync(join(copy, 'src/modules.ts'), 'utf8');
    const result = generate(...args);
    expect(result.status).toBe(1);
    expect(result.output.trim().split('\n')).toEqual([expect.stringMatching(reason)]);
    expect(readFileSync(join(copy, 'src/modules.ts'), 'utf8')).toBe(modulesBefore);
    expect(readdirSync(join(copy, 'src/modules')).sort()).toEqual(['accounts', 'notifications', 'payments', 'risk']);
  });

  it('generates a module that type-checks, passes lint and the architecture check, and whose tests pass', () => {
    // The copy has no build to boot for client:generate; the typed client's own test covers that script.
    const generated = generate(NAME, '--skip-client');
    expect(generated).toMatchObject({ status: 0 });
    expect(existsSync(join(copy, `src/modules/${NAME}/${NAME}.module.ts`))).toBe(true);
    expect(readFileSync(join(copy, 'src/modules.ts'), 'utf8')).toMatch(/\n {2}giftCardsModule,\n\];/);

    // A second run refuses the name now taken, and leaves the module as it is.
    expect(generate(NAME, '--skip-client')).toMatchObject({ status: 1, output: expect.stringMatching(/exists already/) });

    expect(run(copy, bin(copy, 'tsc'), ['--noEmit', '-p', 'tsconfig.json'])).toEqual({ status: 0, output: '' });
    expect(
      run(copy, bin(copy, 'eslint'), ['--max-warnings=0', `src/modules/${NAME}`, `test/e2e/${NAME}`, 'src/modules.ts']),
    ).toEqual({ status: 0, output: '' });
    expect(run(copy, bin(copy, 'depcruise'), ['src', '--config', '.dependency-cruiser.cjs'])).toMatchObject({
      status: 0,
    });

    // Its domain spec, its e2e test in both topologies (one process; split over RabbitMQ), the
    // architecture suite (routes declare access, tables stay in their schema) and the OpenAPI
    // document's checks (tags described, operationIds unique, problems with examples).
    const tests = run(
      copy,
      process.execPath,
      [
        '--experimental-vm-modules',
        'node_modules/jest/bin/jest.js',
        '--selectProjects',
        'unit',
        'architecture',
        'e2e',
        'e2e-split',
        '--testPathPatterns',
        `/${NAME}/`,
        'test/architecture/',
        'test/e2e/docs/openapi-document',
        '--maxWorkers=1',
      ],
      { TEST_DATABASE_URL: databaseBase },
    );
    expect(tests).toMatchObject({ status: 0 });
    expect(tests.output).toMatch(new RegExp(`PASS .*src/modules/${NAME}/domain/item\\.spec\\.ts`));
    expect(tests.output).toMatch(new RegExp(`PASS e2e .*test/e2e/${NAME}/${NAME}\\.e2e-spec\\.ts`));
    expect(tests.output).toMatch(new RegExp(`PASS e2e-split .*test/e2e/${NAME}/${NAME}\\.e2e-spec\\.ts`));
    expect(tests.output).toMatch(/PASS .*test\/architecture\/architecture\.spec\.ts/);
    expect(tests.output).toMatch(/PASS e2e .*test\/e2e\/docs\/openapi-document\.e2e-spec\.ts/);
  }, 300_000);
});
