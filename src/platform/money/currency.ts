/** ISO 4217 codes this runtime knows (ICU's list), e.g. USD, EUR, JPY, BHD. */
const KNOWN_CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

export function isCurrencyCode(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Z]{3}$/.test(value) && KNOWN_CURRENCIES.has(value);
}

/** Digits per currency code, worked out once: an Intl.NumberFormat per call was a hot spot in notifications. */
const MINOR_UNIT_DIGITS = new Map<string, number>();

/** How many digits the currency's minor unit has: 2 for USD, 0 for JPY, 3 for BHD. */
export function minorUnitDigits(currency: string): number {
  let digits = MINOR_UNIT_DIGITS.get(currency);
  if (digits === undefined) {
    // Throws for a code that is not well formed, which is then not remembered.
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    MINOR_UNIT_DIGITS.set(currency, digits);
  }
  return digits;
}

/**
 * Formats an amount in minor units for people, `1050 USD` → `10.50 USD`, with integer arithmetic
 * only (no float ever touches the amount).
 */
export function formatMoney(amount: number, currency: string): string {
  const digits = minorUnitDigits(currency);
  const sign = amount < 0 ? '-' : '';
  const text = BigInt(Math.abs(amount))
    .toString()
    .padStart(digits + 1, '0');
  const whole = text.slice(0, text.length - digits).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = digits > 0 ? `.${text.slice(text.length - digits)}` : '';
  return `${sign}${whole}${fraction} ${currency}`;
}
