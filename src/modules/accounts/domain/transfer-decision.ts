import type { TransferFailureReason } from '../contracts/transfer-events';
import { canCredit, canDebit, type AccountSnapshot } from './account';

export interface TransferAsk {
  readonly sourceAccountId: string;
  readonly destinationAccountId: string;
  readonly amount: number;
  readonly currency: string;
  readonly expiresAt: Date | null;
  readonly sourceOwnerId?: string | null;
}

export type TransferDecision =
  | { readonly ok: true; readonly source: AccountSnapshot; readonly destination: AccountSnapshot }
  | { readonly ok: false; readonly reason: TransferFailureReason; readonly message: string };

/**
 * Whether a transfer may go ahead, given both accounts as locked in this transaction (undefined
 * when missing). Checks run from the most to the least fundamental, so the reason is stable.
 */
export function decideTransfer(
  ask: TransferAsk,
  source: (AccountSnapshot & { readonly ownerId?: string | null }) | undefined,
  destination: AccountSnapshot | undefined,
  now: Date,
): TransferDecision {
  const refuse = (reason: TransferFailureReason, message: string): TransferDecision => ({ ok: false, reason, message });
  if (ask.expiresAt && now > ask.expiresAt)
    return refuse('EXPIRED', `The transfer expired at ${ask.expiresAt.toISOString()}`);
  // Another owner's account, to an owner-bound key, does not exist.
  if (!source || (ask.sourceOwnerId && source.ownerId !== ask.sourceOwnerId))
    return refuse('ACCOUNT_NOT_FOUND', `Source account ${ask.sourceAccountId} does not exist`);
  if (!destination)
    return refuse('ACCOUNT_NOT_FOUND', `Destination account ${ask.destinationAccountId} does not exist`);
  const inactive = refuseInactive(source, destination);
  if (inactive) return inactive;
  for (const [role, account] of [
    ['Source', source],
    ['Destination', destination],
  ] as const) {
    if (account.currency !== ask.currency) {
      return refuse(
        'CURRENCY_MISMATCH',
        `${role} account ${account.id} holds ${account.currency}, not ${ask.currency}`,
      );
    }
  }
  if (!canDebit(source, ask.amount)) {
    return refuse(
      'INSUFFICIENT_FUNDS',
      `Source account ${source.id} has ${source.balance} ${source.currency} available, ${ask.amount} requested`,
    );
  }
  if (!canCredit(destination, ask.amount)) {
    return refuse('INSUFFICIENT_FUNDS', `Destination account ${destination.id} cannot hold more`);
  }
  return { ok: true, source, destination };
}

/** A refusal when either account is closed or frozen (no money moves in or out of it), else null. */
export function refuseInactive(
  source: AccountSnapshot,
  destination: AccountSnapshot,
): { readonly ok: false; readonly reason: TransferFailureReason; readonly message: string } | null {
  for (const [role, account] of [
    ['Source', source],
    ['Destination', destination],
  ] as const) {
    if (account.status === 'closed')
      return { ok: false, reason: 'ACCOUNT_CLOSED', message: `${role} account ${account.id} is closed` };
    if (account.status === 'frozen')
      return { ok: false, reason: 'ACCOUNT_FROZEN', message: `${role} account ${account.id} is frozen` };
  }
  return null;
}

/**
 * Why a request breaks the contract, or null: such a request can never succeed, so it goes to the
 * dead letters rather than being refused with an answer.
 */
export function contractBreach(
  what: 'Transfer' | 'Hold',
  request: { transferId: string; sourceAccountId: string; destinationAccountId: string; amount: number },
): string | null {
  if (request.sourceAccountId === request.destinationAccountId)
    return `${what} ${request.transferId} has the same source and destination`;
  if (!Number.isSafeInteger(request.amount) || request.amount <= 0)
    return `${what} ${request.transferId} has an invalid amount ${request.amount}`;
  return null;
}
