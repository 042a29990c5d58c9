import { Injectable } from '@nestjs/common';
import { deferredSql, sql, toSafeInteger, UnitOfWork } from '../../../platform/database';
import type { TransferKind } from '../../payments/contracts/transfer-request-events';
import type { TransferFailureReason } from '../contracts/transfer-events';

/** A transfer's outcome, with everything needed to answer for it again. */
export type TransferOutcome =
  | {
      readonly status: 'succeeded';
      readonly journalId: string;
      readonly sourceAccountId: string;
      readonly destinationAccountId: string;
      readonly amount: number;
      readonly currency: string;
      readonly sourceBalanceAfter: number;
      readonly destinationBalanceAfter: number;
    }
  | {
      /** Asked for as a hold: the amount moved to the source's held balance (see `holds` for what became of it). */
      readonly status: 'held';
      readonly journalId: string;
      readonly sourceAccountId: string;
      readonly destinationAccountId: string;
      readonly amount: number;
      readonly currency: string;
    }
  | { readonly status: 'failed'; readonly reason: TransferFailureReason; readonly message: string };

export interface TransferRecord {
  readonly kind: TransferKind;
  readonly outcome: TransferOutcome;
}

interface Row {
  kind: TransferKind;
  status: TransferOutcome['status'];
  failure_reason: TransferFailureReason | null;
  failure_message: string | null;
  journal_id: string | null;
  source_account_id: string | null;
  destination_account_id: string | null;
  amount: string | null;
  currency: string | null;
  source_balance_after: string | null;
  destination_balance_after: string | null;
}

/** The recorded outcome of each transfer asked for by another module, keyed by its transfer id. */
@Injectable()
export class TransferRepository {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  async find(transferId: string): Promise<TransferRecord | null> {
    return (await this.findAll([transferId])).get(transferId) ?? null;
  }

  /** The recorded outcomes of those of `transferIds` that have one, by transfer id. */
  async findAll(transferIds: readonly string[]): Promise<Map<string, TransferRecord>> {
    const { rows } = await sql<Row & { transfer_id: string }>(
      this.unitOfWork.manager,
      `SELECT * FROM accounts.transfers WHERE transfer_id = ANY($1::text[])`,
      [transferIds],
    );
    return new Map(rows.map((row) => [row.transfer_id, toRecord(row)]));
  }

  /**
   * Records outcomes in the transaction that moved (or did not move) the money, in one statement.
   * The primary key makes a second execution of the same transfer id, or a cancellation racing
   * it, fail and roll back, money included: a transfer has exactly one outcome.
   */
  async record(transferId: string, record: TransferRecord): Promise<void> {
    await this.recordAll([{ transferId, ...record }]);
  }

  async recordAll(records: ReadonlyArray<TransferRecord & { readonly transferId: string }>): Promise<void> {
    if (records.length === 0) return;
    const moved = records.map(({ outcome }) => (outcome.status === 'failed' ? undefined : outcome));
    const succeeded = records.map(({ outcome }) => (outcome.status === 'succeeded' ? outcome : undefined));
    const failed = records.map(({ outcome }) => (outcome.status === 'failed' ? outcome : undefined));
    // Sent with the COMMIT; a second outcome for the transfer fails that COMMIT.
    await deferredSql(
      this.unitOfWork.requireTransaction('Recording a transfer'),
      undefined,
      `INSERT INTO accounts.transfers
         (transfer_id, kind, status, failure_reason, failure_message, journal_id, source_account_id,
          destination_account_id, amount, currency, source_balance_after, destination_balance_after)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::uuid[],
                            $8::uuid[], $9::bigint[], $10::text[], $11::bigint[], $12::bigint[])`,
      [
        records.map((r) => r.transferId),
        records.map((r) => r.kind),
        records.map((r) => r.outcome.status),
        failed.map((f) => f?.reason ?? null),
        failed.map((f) => f?.message ?? null),
        moved.map((m) => m?.journalId ?? null),
        moved.map((m) => m?.sourceAccountId ?? null),
        moved.map((m) => m?.destinationAccountId ?? null),
        moved.map((m) => m?.amount ?? null),
        moved.map((m) => m?.currency ?? null),
        succeeded.map((s) => s?.sourceBalanceAfter ?? null),
        succeeded.map((s) => s?.destinationBalanceAfter ?? null),
      ],
    );
  }
}

function toRecord(row: Row): TransferRecord {
  if (row.status === 'failed') {
    return {
      kind: row.kind,
      outcome: { status: 'failed', reason: row.failure_reason!, message: row.failure_message ?? '' },
    };
  }
  const moved = {
    journalId: row.journal_id!,
    sourceAccountId: row.source_account_id!,
    destinationAccountId: row.destination_account_id!,
    amount: toSafeInteger(row.amount!),
    currency: row.currency!,
  };
  const outcome: TransferOutcome =
    row.status === 'held'
      ? { status: 'held', ...moved }
      : {
          status: 'succeeded',
          ...moved,
          sourceBalanceAfter: toSafeInteger(row.source_balance_after!),
          destinationBalanceAfter: toSafeInteger(row.destination_balance_after!),
        };
  return { kind: row.kind, outcome };
}
