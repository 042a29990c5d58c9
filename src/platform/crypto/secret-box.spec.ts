import { randomBytes } from 'node:crypto';
import { isSealed, open, seal, useSecretsKey } from './secret-box';

describe('secret box', () => {
  beforeAll(() => useSecretsKey(randomBytes(32)));

  it('seals with a fresh IV each time and opens what it sealed', () => {
    const a = seal('whsec_abc');
    const b = seal('whsec_abc');
    expect(a).not.toBe(b);
    expect(isSealed(a)).toBe(true);
    expect(a).not.toContain('whsec_abc');
    expect(open(a)).toBe('whsec_abc');
  });

  it('refuses a tampered value, and passes a value from before sealing through', () => {
    const sealed = seal('whsec_abc');
    const tampered = sealed.slice(0, -2) + (sealed.endsWith('AA') ? 'BB' : 'AA');
    expect(() => open(tampered)).toThrow();
    expect(open('whsec_legacy')).toBe('whsec_legacy');
  });
});
