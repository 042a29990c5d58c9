import { grants } from './scopes';

describe('grants', () => {
  it('grants a scope held, and every scope to admin', () => {
    expect(grants(['payments:write'], 'payments:write')).toBe(true);
    expect(grants(['admin'], 'risk:write')).toBe(true);
  });

  it("lets an area's write scope read it, never the other way round or across areas", () => {
    expect(grants(['accounts:write'], 'accounts:read')).toBe(true);
    expect(grants(['accounts:read'], 'accounts:write')).toBe(false);
    expect(grants(['accounts:write'], 'payments:read')).toBe(false);
    expect(grants(['payments:write'], 'admin')).toBe(false);
    expect(grants([], 'notifications:read')).toBe(false);
  });
});
