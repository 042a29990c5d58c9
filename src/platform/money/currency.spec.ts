import { formatMoney, isCurrencyCode, minorUnitDigits } from './currency';

describe('currency', () => {
  it('accepts ISO 4217 codes in upper case only', () => {
    expect(isCurrencyCode('USD')).toBe(true);
    expect(isCurrencyCode('JPY')).toBe(true);
    expect(isCurrencyCode('usd')).toBe(false);
    expect(isCurrencyCode('XYZ')).toBe(false);
    expect(isCurrencyCode('US')).toBe(false);
    expect(isCurrencyCode(840)).toBe(false);
  });

  it("knows each currency's minor unit", () => {
    expect(minorUnitDigits('USD')).toBe(2);
    expect(minorUnitDigits('JPY')).toBe(0);
    expect(minorUnitDigits('BHD')).toBe(3);
  });

  it('formats minor units exactly, with no float rounding', () => {
    expect(formatMoney(1050, 'USD')).toBe('10.50 USD');
    expect(formatMoney(5, 'USD')).toBe('0.05 USD');
    expect(formatMoney(1050, 'JPY')).toBe('1,050 JPY');
    expect(formatMoney(1, 'BHD')).toBe('0.001 BHD');
    expect(formatMoney(123456789, 'EUR')).toBe('1,234,567.89 EUR');
    expect(formatMoney(Number.MAX_SAFE_INTEGER, 'USD')).toBe('90,071,992,547,409.91 USD');
    expect(formatMoney(-250, 'USD')).toBe('-2.50 USD');
  });
});
