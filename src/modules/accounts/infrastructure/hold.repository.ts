import { Injectable } from '@nestjs/common';
import { sql, toSafeInteger, UnitOfWork } from '../../../platform/database';
import type { HoldReleaseRequestReason, TransferKind } from '../../payments/contracts/transfer-request-events';
import type { TransferFailureReason } from '../contracts/transfer-events';
import type { HoldIntegrityReport, HoldStatus } from '../domain/hold';

export interface Hold {
  readonly transferId: string;
  readonly kind: TransferKind;
  readonly reference: string;
  /** The customer account the money is held on, and its hold account (where the held money sits). */
  readonly accountId: string;
  readonly heldAccountId: string;
  readonly destinationAccountId: string;
  readonly amount: number;
  readonly currency: string;
  readonly status: HoldStatus;
  readonly holdJournalId: string;
  readonly amountCaptured: number;
  readonly amountReleased: number;
  readonly captureJournalId: string | null;
  readonly releaseJournalId: string | null;
  readonly releaseReason: HoldReleaseRequestReason | TransferFailureReason | null;
  readonly releaseMessage: string | null;
}

export type NewHold = Pick<
  Hold,
  | 'transferId'
  | 'kind'
  | 'reference'
  | 'accountId'
  | 'heldAccountId'
  | 'destinationAccountId'
  | 'amount'
  | 'currency'
  | 'holdJournalId'
>;

/** How an open hold was settled: what was captured and what released, by which journals. */
export type HoldSettlement = Pick<
  Hold,
  'amountCaptured' | 'amountReleased' | 'captureJournalId' | 'releaseJournalId' | 'releaseReason' | 'releaseMessage'
>;

interface Row {
  transfer_id: string;
  kind: TransferKind;
  reference: string;
  account_id: string;
  held_account_id: string;
  destination_account_id: string;
  amount: string;
  currency: string;
  status: HoldStatus;
  hold_journal_id: string;
  amount_captured: string;
  amount_released: string;
  capture_journal_id: string | null;
  release_journal_id: string | null;
  release_reason: Hold['releaseReason'];
  release_message: string | null;
}

const toHold = (row: Row): Hold => ({
  transferId: row.transfer_id,
  kind: row.kind,
  reference: row.reference,
  accountId: row.account_id,
  heldAccountId: row.held_account_id,
  destinationAccountId: row.destination_account_id,
  amount: toSafeInteger(row.amount),
  currency: row.currency,
  status: row.status,
  holdJournalId: row.hold_journal_id,
  amountCaptured: toSafeInteger(row.amount_captured),
  amountReleased: toSafeInteger(row.amount_released),
  captureJournalId: row.capture_journal_id,
  releaseJournalId: row.release_journal_id,
  releaseReason: row.release_reason,
  releaseMessage: row.release_message,
});

/** Each hold placed on an account, keyed by its transfer id, and its one settlement. */
@Injectable()
export class HoldRepository {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  async find(transferId: string): Promise<Hold | null> {
    const { rows } = await sql<Row>(this.unitOfWork.manager, `SELECT * FROM accounts.holds WHERE transfer_id = $1`, [
      transferId,
    ]);
    return rows[0] ? toHold(rows[0]) : null;
  }

  /** The hold, locked until the transaction ends. Callers lock its accounts first. */
  async lock(transferId: string): Promise<Hold | null> {
    const { rows } = await sql<Row>(
      this.unitOfWork.requireTransaction('Locking a hold'),
      `SELECT * FROM accounts.holds WHERE transfer_id = $1 FOR UPDATE`,
      [transferId],
    );
    return rows[0] ? toHold(rows[0]) : null;
  }

  async insert(hold: NewHold): Promise<void> {
    await sql(
      this.unitOfWork.requireTransaction('Recording a hold'),
      `INSERT INTO accounts.holds
         (transfer_id, kind, reference, account_id, held_account_id, destination_account_id, amount, currency, status, hold_journal_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'open', $9)`,
      [
        hold.transferId,
        hold.kind,
        hold.reference,
        hold.accountId,
        hold.heldAccountId,
        hold.destinationAccountId,
        hold.amount,
        hold.currency,
        hold.holdJournalId,
      ],
    );
  }

  /**
   * Settles an open hold (locked by the caller) and returns it as settled. Only an open hold
   * changes: the database refuses any change to a settled one.
   */
  async settle(hold: Hold, settlement: HoldSettlement): Promise<Hold> {
    const { rows } = await sql<Row>(
      this.unitOfWork.requireTransaction('Settling a hold'),
      `UPDATE accounts.holds
       SET status = CASE WHEN $2::bigint > 0 THEN 'captured' ELSE 'released' END,
           amount_captured = $2, amount_released = $3, capture_journal_id = $4, release_journal_id = $5,
           release_reason = $6, release_message = $7, settled_at = now()
       WHERE transfer_id = $1 AND status = 'open'
       RETURNING *`,
      [
        hold.transferId,
        settlement.amountCaptured,
        settlement.amountReleased,
        settlement.captureJournalId,
        settlement.releaseJournalId,
        settlement.releaseReason,
        settlement.releaseMessage,
      ],
    );
    if (!rows[0]) throw new Error(`Hold ${hold.transferId} is not open`);
    return toHold(rows[0]);
  }

  /** The holds' part of the ledger check; run inside the check's snapshot. */
  async checkIntegrity(): Promise<HoldIntegrityReport> {
    const query = async <T>(text: string) => (await sql<T>(this.unitOfWork.manager, text)).rows;
    const [counts] = await query<{ holds: string }>(`SELECT count(*) AS holds FROM accounts.holds`);
    const stray = await query<{ transfer_id: string; reference: string }>(
      `SELECT h.transfer_id, h.reference
       FROM accounts.holds h LEFT JOIN accounts.accounts held ON held.id = h.held_account_id
       WHERE h.status = 'open'
         AND (h.kind <> 'payment'
              OR held.kind IS DISTINCT FROM 'hold' OR held.parent_id IS DISTINCT FROM h.account_id
              OR h.reference IN (SELECT reference FROM accounts.holds GROUP BY reference HAVING count(*) > 1))
       ORDER BY h.transfer_id`,
    );
    const mismatches = await query<{ parent_id: string; balance: string; open_holds: string }>(
      `SELECT a.parent_id, a.balance, coalesce(h.total, 0) AS open_holds
       FROM accounts.accounts a
       LEFT JOIN (SELECT held_account_id, sum(amount) AS total FROM accounts.holds WHERE status = 'open'
                  GROUP BY held_account_id) h ON h.held_account_id = a.id
       WHERE a.kind = 'hold' AND a.balance <> coalesce(h.total, 0)`,
    );
    const twice = await query<{
      transfer_id: string;
      status: HoldStatus;
      holds: string;
      captures: string;
      releases: string;
    }>(
      `SELECT h.transfer_id, h.status,
              count(j.id) FILTER (WHERE j.type = 'hold') AS holds,
              count(j.id) FILTER (WHERE j.type = 'capture') AS captures,
              count(j.id) FILTER (WHERE j.type = 'hold_release') AS releases
       FROM accounts.holds h
       LEFT JOIN accounts.journals j
         ON j.metadata->>'holdId' = h.transfer_id AND j.type IN ('hold', 'capture', 'hold_release')
       GROUP BY h.transfer_id
       HAVING count(j.id) FILTER (WHERE j.type = 'hold') <> 1
           OR count(j.id) FILTER (WHERE j.type = 'capture') <> (h.amount_captured > 0)::int
           OR count(j.id) FILTER (WHERE j.type = 'hold_release') <> (h.amount_released > 0)::int`,
    );
    return {
      holdsChecked: Number(counts.holds),
      strayHolds: stray.map((r) => ({ holdId: r.transfer_id, reference: r.reference })),
      heldBalanceMismatches: mismatches.map((r) => ({
        accountId: r.parent_id,
        heldBalance: Number(r.balance),
        openHolds: Number(r.open_holds),
      })),
      holdsReleasedTwice: twice.map((r) => ({
        holdId: r.transfer_id,
        status: r.status,
        holdJournals: Number(r.holds),
        captureJournals: Number(r.captures),
        releaseJournals: Number(r.releases),
      })),
    };
  }
}
