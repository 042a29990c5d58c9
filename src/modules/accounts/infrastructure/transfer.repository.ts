import { Injectable } from '@nestjs/common';
import { toSafeInteger } from '../../../platform/database/bigint.transformer';
import { sql } from '../../../platform/database/sql';
import { UnitOfWork } from '../../../platform/database/unit-of-work';
import type { TransferFailureReason, TransferKind } from '../contracts/transfer-events';

export type TransferOutcome =
  | {
      readonly status: 'succeeded';
      readonly journalId: string;
      readonly sourceBalanceAfter: number;
      readonly destinationBalanceAfter: number;
    }
  | { readonly status: 'failed'; readonly reason: TransferFailureReason; readonly message: string };

/** The recorded outcome of each transfer asked for by another module, keyed by its transfer id. */
@Injectable()
export class TransferRepository {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  async find(transferId: string): Promise<TransferOutcome | null> {
    const { rows } = await sql<{
      status: 'succeeded' | 'failed';
      failure_reason: TransferFailureReason | null;
      failure_message: string | null;
      journal_id: string | null;
      source_balance_after: string | null;
      destination_balance_after: string | null;
    }>(this.unitOfWork.manager, `SELECT * FROM accounts.transfers WHERE transfer_id = $1`, [transferId]);
    const row = rows[0];
    if (!row) return null;
    return row.status === 'succeeded'
      ? {
          status: 'succeeded',
          journalId: row.journal_id!,
          sourceBalanceAfter: toSafeInteger(row.source_balance_after!),
          destinationBalanceAfter: toSafeInteger(row.destination_balance_after!),
        }
      : { status: 'failed', reason: row.failure_reason!, message: row.failure_message ?? '' };
  }

  /**
   * Records the outcome in the transaction that moved (or did not move) the money. The primary
   * key makes a second execution of the same transfer id fail and roll back, money included.
   */
  async record(transferId: string, kind: TransferKind, outcome: TransferOutcome): Promise<void> {
    const succeeded = outcome.status === 'succeeded' ? outcome : undefined;
    const failed = outcome.status === 'failed' ? outcome : undefined;
    await sql(
      this.unitOfWork.requireTransaction('Recording a transfer'),
      `INSERT INTO accounts.transfers
         (transfer_id, kind, status, failure_reason, failure_message, journal_id, source_balance_after, destination_balance_after)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        transferId,
        kind,
        outcome.status,
        failed?.reason ?? null,
        failed?.message ?? null,
        succeeded?.journalId ?? null,
        succeeded?.sourceBalanceAfter ?? null,
        succeeded?.destinationBalanceAfter ?? null,
      ],
    );
  }
}
