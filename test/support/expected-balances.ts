/** The parts of a payment that move money, as the API returns them. */
export interface SettledPayment {
  readonly status: string;
  readonly amount: number;
  readonly sourceAccountId: string;
  readonly destinationAccountId: string;
}

/**
 * What each of `accountIds` must hold after `payments`, if each started with `funding`: less what
 * it paid and plus what it was paid, counting each succeeded payment exactly once.
 */
export function expectedBalances(
  accountIds: readonly string[],
  funding: number,
  payments: readonly SettledPayment[],
): Record<string, number> {
  const balances = Object.fromEntries(accountIds.map((id) => [id, funding]));
  for (const payment of payments.filter((p) => p.status === 'succeeded')) {
    balances[payment.sourceAccountId] -= payment.amount;
    balances[payment.destinationAccountId] += payment.amount;
  }
  return balances;
}
