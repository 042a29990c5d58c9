import { Injectable } from '@nestjs/common';
import { deferredSql, sql, toSafeInteger, UnitOfWork } from '../../../platform/database';
import { isId } from '../../../platform/ids';
import type { RiskDecision } from '../contracts/risk-events';
import type { RiskReason } from '../domain/assess-payment';
import type { ReviewStatus, StoredAssessment } from '../domain/assessment';

interface Row {
  id: string;
  payment_id: string;
  source_account_id: string;
  destination_account_id: string;
  amount: string;
  currency: string;
  decision: RiskDecision;
  score: number;
  reasons: RiskReason[];
  review_status: ReviewStatus | null;
  review_note: string | null;
  reviewed_at: Date | null;
  created_at: Date;
}

const toAssessment = (row: Row): StoredAssessment => ({
  id: row.id,
  paymentId: row.payment_id,
  sourceAccountId: row.source_account_id,
  destinationAccountId: row.destination_account_id,
  amount: toSafeInteger(row.amount),
  currency: row.currency,
  decision: row.decision,
  score: row.score,
  reasons: row.reasons,
  reviewStatus: row.review_status,
  reviewNote: row.review_note,
  reviewedAt: row.reviewed_at,
  createdAt: row.created_at,
});

@Injectable()
export class AssessmentRepository {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  /**
   * Stores assessments in one statement, sent with the COMMIT (nobody reads its answer). The
   * payment id is unique, so a payment is assessed once: the caller leaves out those assessed
   * already, and if another transaction assessed one meanwhile, this insert fails the whole
   * transaction, whose events then run again one by one and find it assessed.
   */
  async insertAll(
    assessments: ReadonlyArray<Omit<StoredAssessment, 'reviewNote' | 'reviewedAt' | 'createdAt'>>,
  ): Promise<void> {
    if (assessments.length === 0) return;
    const column = <T>(pick: (a: (typeof assessments)[number]) => T) => assessments.map(pick);
    await deferredSql(
      this.unitOfWork.requireTransaction('Storing assessments'),
      'risk_insert_assessments',
      `INSERT INTO risk.assessments
         (id, payment_id, source_account_id, destination_account_id, amount, currency, decision, score, reasons, review_status)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::text[], $7::text[],
                            $8::int[], $9::jsonb[], $10::text[])`,
      [
        column((a) => a.id),
        column((a) => a.paymentId),
        column((a) => a.sourceAccountId),
        column((a) => a.destinationAccountId),
        column((a) => a.amount),
        column((a) => a.currency),
        column((a) => a.decision),
        column((a) => a.score),
        column((a) => JSON.stringify(a.reasons)),
        column((a) => a.reviewStatus),
      ],
    );
  }

  async findById(id: string): Promise<StoredAssessment | null> {
    if (!isId(id)) return null;
    const { rows } = await sql<Row>(this.unitOfWork.manager, `SELECT * FROM risk.assessments WHERE id = $1`, [id]);
    return rows[0] ? toAssessment(rows[0]) : null;
  }

  /** A payment's assessment, locked for a review decision (which must not race another). */
  async lockByPayment(paymentId: string): Promise<StoredAssessment | null> {
    const { rows } = await sql<Row>(
      this.unitOfWork.manager,
      `SELECT * FROM risk.assessments WHERE payment_id = $1 FOR UPDATE`,
      [paymentId],
    );
    return rows[0] ? toAssessment(rows[0]) : null;
  }

  async list(
    filter: { paymentId?: string; reviewStatus?: ReviewStatus },
    limit: number,
    startingAfter?: string,
  ): Promise<StoredAssessment[]> {
    const { rows } = await sql<Row>(
      this.unitOfWork.manager,
      `SELECT * FROM risk.assessments
       WHERE ($1::uuid IS NULL OR id < $1::uuid)
         AND ($2::text IS NULL OR payment_id = $2)
         AND ($3::text IS NULL OR review_status = $3)
       ORDER BY id DESC LIMIT $4`,
      [startingAfter ?? null, filter.paymentId ?? null, filter.reviewStatus ?? null, limit + 1],
    );
    return rows.map(toAssessment);
  }

  /** Closes a review still waiting, in one statement; a decided one is left as it is. */
  async closePendingReview(paymentId: string, note: string): Promise<void> {
    await sql(
      this.unitOfWork.manager,
      `UPDATE risk.assessments SET review_status = 'closed', review_note = $2, reviewed_at = now()
       WHERE payment_id = $1 AND review_status = 'pending'`,
      [paymentId, note],
    );
  }

  async setReview(paymentId: string, status: ReviewStatus, note: string | null): Promise<StoredAssessment> {
    const { rows } = await sql<Row>(
      this.unitOfWork.manager,
      `UPDATE risk.assessments SET review_status = $2, review_note = $3, reviewed_at = now() WHERE payment_id = $1 RETURNING *`,
      [paymentId, status, note],
    );
    return toAssessment(rows[0]);
  }
}
