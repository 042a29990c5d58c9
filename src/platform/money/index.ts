/** Currencies and amounts in minor units. */
export { formatMoney, isCurrencyCode, minorUnitDigits } from './currency';
