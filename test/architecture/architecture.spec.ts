import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../..');
const config = join(root, '.dependency-cruiser.cjs');

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

/** Runs dependency-cruiser on `src` under `cwd` and returns its violations. */
function cruise(cwd: string): Violation[] {
  const output = execFileSync(
    join(root, 'node_modules/.bin/depcruise'),
    ['src', '--config', config, '--output-type', 'json'],
    {
      cwd,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  return (JSON.parse(output) as { summary: { violations: Violation[] } }).summary.violations;
}

describe('Architecture', () => {
  it('has no module reaching into another, no cycles, and a platform that knows no module', () => {
    const violations = cruise(root).map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`);
    expect(violations).toEqual([]);
  });

  describe('each rule rejects a deliberate violation (test/architecture/fixtures)', () => {
    let violations: Violation[];
    beforeAll(() => {
      violations = cruise(join(__dirname, 'fixtures'));
    });
    const flagged = (rule: string) => violations.filter((v) => v.rule.name === rule).map((v) => `${v.from} -> ${v.to}`);

    it("module-boundaries: importing another module's internals", () => {
      expect(flagged('module-boundaries')).toEqual([
        'src/modules/alpha/application/uses-beta-internals.ts -> src/modules/beta/domain/beta-rule.ts',
      ]);
    });

    it("module-boundaries: importing another module's contracts is allowed", () => {
      expect(violations.some((v) => v.from.endsWith('uses-beta-contract.ts'))).toBe(false);
    });

    it('platform-knows-no-module', () => {
      expect(flagged('platform-knows-no-module')).toEqual([
        'src/platform/knows-alpha.ts -> src/modules/alpha/application/uses-beta-internals.ts',
      ]);
    });

    it("platform-public-surface: a file behind an area's index", () => {
      expect(flagged('platform-public-surface')).toEqual([
        'src/modules/alpha/application/uses-platform-internals.ts -> src/platform/messaging/relay/wakeup.ts',
        'src/modules/alpha/infrastructure/knows-the-broker.ts -> src/platform/messaging/rabbitmq/broker-connection.ts',
      ]);
    });

    it("platform-public-surface: an area's index and a single-file area are allowed", () => {
      expect(violations.some((v) => v.from.endsWith('uses-platform-surface.ts'))).toBe(false);
    });

    it('contracts-are-self-contained', () => {
      expect(flagged('contracts-are-self-contained')).toEqual([
        'src/modules/beta/contracts/leaks-domain.ts -> src/modules/beta/domain/beta-rule.ts',
      ]);
    });

    it('domain-is-pure: no ORM, no Nest, not even through a platform index that brings them', () => {
      expect(flagged('domain-is-pure').sort()).toEqual([
        expect.stringMatching(/^src\/modules\/beta\/domain\/through-the-platform\.ts -> .*@nestjs\/common/),
        expect.stringMatching(/^src\/modules\/beta\/domain\/uses-nest\.ts -> .*@nestjs\/common/),
        expect.stringMatching(/^src\/modules\/beta\/domain\/uses-orm\.ts -> .*typeorm/),
      ]);
    });

    it('api-sees-no-infrastructure: directly, or through a query that returns a row', () => {
      expect(flagged('api-sees-no-infrastructure').sort()).toEqual([
        'src/modules/alpha/api/reads-a-row.ts -> src/modules/alpha/infrastructure/alpha-row.ts',
        'src/modules/alpha/api/through-a-query.ts -> src/modules/alpha/infrastructure/alpha-row.ts',
      ]);
      expect(violations.some((v) => v.from.endsWith('alpha.response.ts'))).toBe(false);
    });

    it('layers-point-inward: nothing imports the api layer', () => {
      expect(flagged('layers-point-inward')).toEqual([
        'src/modules/alpha/infrastructure/knows-the-api.ts -> src/modules/alpha/api/alpha.response.ts',
      ]);
    });

    it('consumers-hand-events-to-commands: a consumer that reaches infrastructure', () => {
      expect(flagged('consumers-hand-events-to-commands')).toEqual([
        'src/modules/alpha/application/event-handlers/writes-directly.handler.ts -> src/modules/alpha/infrastructure/alpha-row.ts',
      ]);
    });

    it('modules-know-no-transport', () => {
      expect(flagged('modules-know-no-transport')).toEqual([
        expect.stringMatching(/^src\/modules\/alpha\/infrastructure\/knows-the-broker\.ts -> .*amqplib/),
        'src/modules/alpha/infrastructure/knows-the-broker.ts -> src/platform/messaging/rabbitmq/broker-connection.ts',
      ]);
    });

    it('modules-know-no-tracing', () => {
      expect(flagged('modules-know-no-tracing')).toEqual([
        expect.stringMatching(/^src\/modules\/alpha\/infrastructure\/knows-tracing\.ts -> .*@opentelemetry\/api/),
      ]);
    });

    it('no-circular', () => {
      expect(flagged('no-circular')).toContainEqual(
        'src/modules/gamma/application/first.ts -> src/modules/gamma/application/second.ts',
      );
    });
  });
});
