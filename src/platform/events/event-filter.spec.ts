import { EVENT_TYPE_FILTER, eventFilterSql, typeMatches } from './event-filter';

describe('event filters', () => {
  it('accepts exact types and prefix wildcards only', () => {
    for (const ok of ['payment.succeeded', 'payment.*', 'transfer.hold_requested', 'transfer.*', 'account'])
      expect(EVENT_TYPE_FILTER.test(ok)).toBe(true);
    for (const bad of ['*', 'payment.*.x', 'Payment.created', 'payment%', 'payment.', "a'b", 'payment*'])
      expect(EVENT_TYPE_FILTER.test(bad)).toBe(false);
  });

  it('matches a wildcard on whole words, as the SQL does', () => {
    expect(typeMatches('payment.*', 'payment.created')).toBe(true);
    expect(typeMatches('payment.*', 'payments.created')).toBe(false);
    expect(typeMatches('payment.created', 'payment.created')).toBe(true);
    expect(typeMatches('payment.created', 'payment.created_x')).toBe(false);
    expect(typeMatches(undefined, 'anything')).toBe(true);
    expect(eventFilterSql({ type: 'transfer.hold_*'.replace('*', 'x.*'), ownerId: null }, 1).params).toEqual([
      'transfer.hold\\_x.%',
    ]);
  });

  it('numbers its parameters from the first one given', () => {
    const { where, params } = eventFilterSql({ type: 'payment.*', subject: 's', ownerId: 'o' }, 3);
    expect(where).toEqual([
      'e.type LIKE $3',
      'e.subject = $4',
      'EXISTS (SELECT 1 FROM platform.subject_owners o WHERE o.subject = e.subject AND o.owner_id = $5)',
    ]);
    expect(params).toEqual(['payment.%', 's', 'o']);
  });
});
