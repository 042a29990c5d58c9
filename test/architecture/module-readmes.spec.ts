import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Every module's README follows one skeleton, the one `npm run module:new` writes
 * (scripts/module-generator/templates/module/README.md.hbs): its name, what it is for, then these
 * sections in this order. A module adds sections of its own between them (a status machine, a flow).
 */
const SKELETON = ['Layout', 'Endpoints', 'Events', 'Tables', 'Settings'];

/** Where the skeleton's sections are missing or out of order in a README, or [] when it follows it. */
export function skeletonProblems(readme: string, module: string): string[] {
  const lines = readme.split('\n');
  const problems = lines[0] === `# ${module}` ? [] : [`the first line is not "# ${module}"`];
  const headings = lines.filter((line) => line.startsWith('## ')).map((line) => line.slice(3).split(' (')[0]);
  const found = SKELETON.map((section) => headings.indexOf(section));
  SKELETON.forEach((section, i) => {
    if (found[i] < 0) problems.push(`no "## ${section}" section`);
    else if (found.slice(0, i).some((before) => before > found[i])) problems.push(`"## ${section}" is out of order`);
  });
  const schema = module.replace(/-/g, '_');
  if (found[3] >= 0 && !lines.includes(`## Tables (schema \`${schema}\`)`)) {
    problems.push(`the Tables section does not name schema \`${schema}\``);
  }
  return problems;
}

describe('Module READMEs', () => {
  const modulesDir = resolve(__dirname, '../../src/modules');
  const modules = readdirSync(modulesDir).filter((name) => statSync(join(modulesDir, name)).isDirectory());

  it.each(modules)('%s follows the skeleton', (module) => {
    const path = join(modulesDir, module, 'README.md');
    expect(existsSync(path)).toBe(true);
    expect(skeletonProblems(readFileSync(path, 'utf8'), module)).toEqual([]);
  });

  it("the generator's README template is the skeleton", () => {
    const template = readFileSync(
      resolve(__dirname, '../../scripts/module-generator/templates/module/README.md.hbs'),
      'utf8',
    );
    const generated = template.replace(/\{\{name\}\}/g, 'gift-cards').replace(/\{\{schema\}\}/g, 'gift_cards');
    expect(skeletonProblems(generated, 'gift-cards')).toEqual([]);
  });

  it('names what is missing or out of order', () => {
    const readme = ['# alpha', '## Endpoints', '## Layout', '## Events', '## Tables (schema `beta`)'].join('\n');
    expect(skeletonProblems(readme, 'alpha')).toEqual([
      '"## Endpoints" is out of order',
      'no "## Settings" section',
      'the Tables section does not name schema `alpha`',
    ]);
    expect(skeletonProblems('# beta', 'alpha')).toContain('the first line is not "# alpha"');
  });
});
