import { SetMetadata } from '@nestjs/common';

export const RATE_CLASS = Symbol('rate-class');
export type RateClass = 'default' | 'money';

/** The route moves money (payments, refunds, deposits, withdrawals, captures): its own, lower limit per key. */
export function MovesMoney() {
  return SetMetadata(RATE_CLASS, 'money' satisfies RateClass);
}
