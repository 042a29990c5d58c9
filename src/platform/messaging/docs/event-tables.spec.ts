import type { EventDescription } from './event-descriptions';
import { BEGIN, END, eventTablesOf, withEventTables } from './event-tables';

const events: EventDescription[] = [
  {
    type: 'alpha.done',
    version: 1,
    summary: 'Alpha finished',
    owner: 'alpha',
    subject: 'the alpha id',
    data: { type: 'object', properties: { id: { type: 'string' }, note: { type: 'string' } }, required: ['id'] },
    consumers: [{ name: 'beta.react', module: 'beta' }],
  },
];

describe('README event tables', () => {
  it('lists what a module publishes, with its fields, and what it consumes, with the publisher', () => {
    expect(eventTablesOf('alpha', events)).toContain('| `alpha.done` v1 | Alpha finished | id, note? | `beta.react` |');
    expect(eventTablesOf('beta', events)).toContain('| `beta.react` | `alpha.done` | alpha        |');
  });

  it('replaces a stale block between the markers, and leaves a fresh one as it is', () => {
    const stale = `# beta\n\n${BEGIN}\n\n| hand-kept | table |\n\n${END}\n\nMore.\n`;
    const fresh = withEventTables(stale, 'beta', events);
    expect(fresh).not.toBe(stale);
    expect(fresh).not.toContain('hand-kept');
    expect(fresh.endsWith(`${END}\n\nMore.\n`)).toBe(true);
    expect(withEventTables(fresh, 'beta', events)).toBe(fresh);
  });

  it('refuses a README without the markers', () => {
    expect(() => withEventTables('# beta\n', 'beta', events)).toThrow(
      'The README of "beta" has no event-tables markers',
    );
  });
});
