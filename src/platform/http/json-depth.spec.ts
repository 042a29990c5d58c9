import { nestsDeeperThan } from './json-depth';

describe('nestsDeeperThan', () => {
  it('counts objects and arrays, not brackets inside strings', () => {
    expect(nestsDeeperThan('{"a":{"b":[1,[2]]}}', 4)).toBe(false);
    expect(nestsDeeperThan('{"a":{"b":[1,[2]]}}', 3)).toBe(true);
    expect(nestsDeeperThan('{"a":"[[[[[[{{{{\\"[[["}', 1)).toBe(false);
  });

  it('scans 50,000 levels without a stack', () => {
    expect(nestsDeeperThan('['.repeat(50_000) + ']'.repeat(50_000), 32)).toBe(true);
  });
});
