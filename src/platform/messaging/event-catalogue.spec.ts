import { z } from 'zod';
import { defineEvents, EventCatalogue } from './event-catalogue';

const data = z.object({ id: z.string() });
const alpha = defineEvents({
  owner: 'alpha',
  subject: 'the alpha id',
  events: { 'alpha.done': { 1: { summary: 'done', data }, 2: { summary: 'done again', data } } },
});
const beta = defineEvents({
  owner: 'beta',
  subject: 'the beta id',
  events: { 'beta.done': { 1: { summary: 'done', data } } },
});

describe('EventCatalogue', () => {
  it('knows each event type, version and owner', () => {
    const catalogue = EventCatalogue.ofModules([
      { name: 'alpha', events: [alpha] },
      { name: 'beta', events: [beta] },
    ]);
    expect(catalogue.ownerOf('alpha.done')).toBe('alpha');
    expect(catalogue.ownerOf('beta.done')).toBe('beta');
    expect(catalogue.ownerOf('gamma.done')).toBeUndefined();
    expect(catalogue.entries().map((e) => `${e.owner}:${e.type}@${e.version}`)).toEqual([
      'alpha:alpha.done@1',
      'alpha:alpha.done@2',
      'beta:beta.done@1',
    ]);
  });

  it('refuses an event defined by two modules', () => {
    const impostor = defineEvents({
      owner: 'beta',
      subject: 'x',
      events: { 'alpha.done': { 1: { summary: 'mine', data } } },
    });
    expect(() => EventCatalogue.of([alpha, impostor])).toThrow(
      'Event "alpha.done" is defined by both "alpha" and "beta": an event has one owner',
    );
  });

  it("refuses a module that lists another module's events as its own", () => {
    expect(() => EventCatalogue.ofModules([{ name: 'beta', events: [beta, alpha] }])).toThrow(
      'Module "beta" lists events owned by "alpha" (alpha.done) as its own',
    );
  });
});
