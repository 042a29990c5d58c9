import { validate, version } from 'uuid';
import { newId } from './ids';

describe('newId', () => {
  it('makes UUID v7s that are unique and sort in the order they were made, many per millisecond', () => {
    // More than the random pool holds, so that it is refilled on the way.
    const ids = Array.from({ length: 5000 }, () => newId());
    expect(ids.every((id) => validate(id) && version(id) === 7)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it('puts the time it was made in its first 48 bits', () => {
    const before = Date.now();
    const id = newId();
    const msecs = parseInt(id.replace(/-/g, '').slice(0, 12), 16);
    expect(msecs).toBeGreaterThanOrEqual(before);
    expect(msecs).toBeLessThanOrEqual(Date.now() + 1);
  });
});
