import { Injectable } from '@nestjs/common';
import { normalizeId } from '../../../platform/ids';
import { PermanentError } from '../../../platform/messaging';
import type { HoldReleaseRequestReason } from '../../payments/contracts/transfer-request-events';
import type { TransferFailureReason } from '../contracts/transfer-events';
import { moveMoney } from '../domain/journal';
import { AccountRepository, type LockedAccount } from '../infrastructure/account.repository';
import { HoldRepository, type Hold } from '../infrastructure/hold.repository';
import { LedgerRepository } from '../infrastructure/ledger.repository';
import { TransferRepository } from '../infrastructure/transfer.repository';
import { HoldAnswers } from './hold-answers';
import { TransferAnswers } from './transfer-answers';

/** An open hold and its accounts, locked in this transaction for settling. */
export interface LockedHold {
  readonly hold: Hold;
  readonly source: LockedAccount;
  /** Undefined when it is no longer a customer account. */
  readonly destination: LockedAccount | undefined;
}

export interface Release {
  readonly reason: HoldReleaseRequestReason | TransferFailureReason;
  readonly message: string;
}

/** What capturing and releasing a hold share: finding and locking it, and settling it once. */
@Injectable()
export class HoldSettler {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly ledger: LedgerRepository,
    private readonly holds: HoldRepository,
    private readonly transfers: TransferRepository,
    private readonly holdAnswers: HoldAnswers,
    private readonly transferAnswers: TransferAnswers,
  ) {}

  /**
   * Locks the hold's accounts (in id order, as every movement does), then the hold. Returns them
   * while the hold is open. A hold settled already, or refused when it was asked for, is answered
   * with that outcome again (a late or repeated request) and null comes back: nothing moves twice.
   */
  async lockOpen(subject: string, transferId: string): Promise<LockedHold | null> {
    const found = await this.holds.find(transferId);
    if (!found) {
      const known = await this.transfers.find(transferId);
      if (known?.outcome.status !== 'failed') throw new PermanentError(`There is no hold ${transferId} to settle`);
      await this.transferAnswers.answer(subject, transferId, known);
      return null;
    }
    const locked = await this.accounts.lock([found.accountId, found.destinationAccountId]);
    const hold = (await this.holds.lock(transferId))!;
    if (hold.status !== 'open') {
      await this.holdAnswers.answer(subject, hold);
      return null;
    }
    const destination = locked.get(normalizeId(hold.destinationAccountId));
    return {
      hold,
      source: locked.get(hold.accountId)!,
      destination: destination?.kind === 'customer' ? destination : undefined,
    };
  }

  /**
   * Moves `captured` from the held balance to the destination and the rest back to the source,
   * as two journals in this transaction, settles the hold and answers. With nothing captured, it
   * is a release for `release.reason`.
   */
  async settle(subject: string, { hold }: LockedHold, captured: number, release?: Release): Promise<void> {
    const released = hold.amount - captured;
    const details = { reference: hold.reference, metadata: { holdId: hold.transferId } };
    const capture =
      captured > 0
        ? await this.ledger.post(
            moveMoney('capture', hold.currency, hold.heldAccountId, hold.destinationAccountId, captured),
            details,
          )
        : null;
    const giveBack =
      released > 0
        ? await this.ledger.post(
            moveMoney('hold_release', hold.currency, hold.heldAccountId, hold.accountId, released),
            details,
          )
        : null;
    const settled = await this.holds.settle(hold, {
      amountCaptured: captured,
      amountReleased: released,
      captureJournalId: capture?.id ?? null,
      releaseJournalId: giveBack?.id ?? null,
      releaseReason: captured > 0 ? null : (release?.reason ?? null),
      releaseMessage: captured > 0 ? null : (release?.message ?? null),
    });
    await this.holdAnswers.answer(subject, settled);
  }
}
