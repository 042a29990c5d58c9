import { Injectable } from '@nestjs/common';
import { sql, UnitOfWork } from '../../../platform/database';
import { isId, newId } from '../../../platform/ids';
import type { NextStep } from '../domain/retry-schedule';
import type { WebhookMessageStatus, RecordedAttempt, WebhookAttemptView, WebhookMessageFilter, WebhookMessageView } from '../domain/webhook-message';
import type { EndpointSecrets } from '../domain/webhook-signature';
import { open } from '../../../platform/crypto';

export interface NewWebhookMessage {
  readonly id: string;
  readonly endpointId: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly body: string;
}

/** A message a worker holds under a lease, with what it needs to send it. */
export interface ClaimedMessage {
  readonly id: string;
  readonly endpointId: string;
  /** The number of this attempt in the current series (counted when claimed). */
  readonly attempt: number;
  readonly body: string;
  readonly url: string;
  readonly secrets: EndpointSecrets;
}

interface MessageRow {
  id: string;
  endpoint_id: string;
  event_id: string;
  event_type: string;
  body: string;
  status: WebhookMessageStatus;
  next_attempt_at: Date | null;
  last_status_code: number | null;
  last_error: string | null;
  created_at: Date;
  finished_at: Date | null;
}

const MAX_ERROR_LENGTH = 1000;
const MESSAGE_COLUMNS = `m.id, m.endpoint_id, m.event_id, m.event_type, m.body, m.status, m.next_attempt_at,
  m.last_status_code, m.last_error, m.created_at, m.finished_at`;

// Claims up to $1 due messages of enabled endpoints, the longest due first, but never more than $4
// in flight per endpoint: one slow or flooded receiver cannot take every delivery slot from the
// others. Endpoints are the outer loop, so a disabled endpoint's backlog is never read. Candidates
// are chosen first and only they are locked (SKIP LOCKED, rechecked as still due). Times are
// statement_timestamp(), stable within the statement, so they are index conditions.
// The caller runs this under CLAIM_LOCK: claims of all instances take turns, so each sees what the
// others hold and the cap holds across instances. The claim is a lease (next_attempt_at moves to
// its end), so a message whose worker died is due again, and taken over, when the lease runs out.
// The attempt is counted here, before sending, so a message that kills its worker still runs out
// of attempts.
const CLAIM_SQL = `
  WITH candidates AS (
    SELECT picked.id, picked.next_attempt_at
    FROM notifications.webhook_endpoints e
    CROSS JOIN LATERAL (
      SELECT count(*) AS held FROM (
        SELECT 1 FROM notifications.webhook_messages f
        WHERE f.endpoint_id = e.id AND f.status = 'pending'
          AND f.locked_by IS NOT NULL AND f.next_attempt_at > statement_timestamp()
        LIMIT $4
      ) AS holding
    ) AS busy
    CROSS JOIN LATERAL (
      SELECT m.id, m.next_attempt_at FROM notifications.webhook_messages m
      WHERE m.endpoint_id = e.id AND m.status = 'pending' AND m.next_attempt_at <= statement_timestamp()
      ORDER BY m.next_attempt_at
      LIMIT greatest($4 - busy.held, 0)
    ) AS picked
    WHERE e.enabled
    ORDER BY picked.next_attempt_at
    LIMIT $1
  ), due AS (
    SELECT m.id FROM notifications.webhook_messages m
    WHERE m.id IN (SELECT id FROM candidates)
      AND m.status = 'pending' AND m.next_attempt_at <= statement_timestamp()
    FOR UPDATE SKIP LOCKED
  )
  UPDATE notifications.webhook_messages m
  SET attempts = m.attempts + 1, locked_by = $2, next_attempt_at = clock_timestamp() + $3 * interval '1 millisecond'
  FROM due, notifications.webhook_endpoints e
  WHERE m.id = due.id AND e.id = m.endpoint_id
  RETURNING m.id, m.endpoint_id, m.attempts, m.body, e.url, e.secret, e.previous_secret, e.previous_secret_expires_at`;

interface ClaimedRow {
  id: string;
  endpoint_id: string;
  attempts: number;
  body: string;
  url: string;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Date | null;
}

/** Serialises claims across instances (an advisory lock, held to the end of the claim's transaction). */
const CLAIM_LOCK = `SELECT pg_advisory_xact_lock(hashtextextended('notifications.webhook-claim', 0))`;

// Records one attempt and its consequence in one statement: the attempt row (kept even if the
// lease was lost meanwhile: the request did go out), the message's new state (only while this
// worker still holds it), and, after a 410, the endpoint disabled.
const RECORD_ATTEMPT_SQL = `
  WITH attempt AS (
    INSERT INTO notifications.webhook_attempts (id, message_id, attempt, attempted_at, duration_ms, status_code, error)
    SELECT $3::uuid, m.id, $4::int, $5::timestamptz, $6::int, $7::int, $8::text FROM notifications.webhook_messages m WHERE m.id = $1
  ), updated AS (
    UPDATE notifications.webhook_messages
    SET status = $9::text,
        next_attempt_at = CASE WHEN $9 = 'pending' THEN clock_timestamp() + $10 * interval '1 millisecond' END,
        finished_at = CASE WHEN $9 = 'pending' THEN NULL ELSE clock_timestamp() END,
        locked_by = NULL, last_status_code = $7::int, last_error = $8::text
    WHERE id = $1 AND locked_by = $2 AND status = 'pending'
    RETURNING endpoint_id
  )
  UPDATE notifications.webhook_endpoints e
  SET enabled = false, disabled_reason = $11::text, updated_at = now()
  FROM updated WHERE $11::text IS NOT NULL AND e.id = updated.endpoint_id`;

/** The webhook delivery queue and its audit trail. Statements that move the queue touch their rows only while the worker holds them. */
@Injectable()
export class WebhookMessageRepository {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  /** Records messages in the caller's transaction; one for the same (endpoint, event) is skipped. Returns how many were new. */
  async queue(messages: readonly NewWebhookMessage[]): Promise<number> {
    if (messages.length === 0) return 0;
    const { affected } = await sql(
      this.unitOfWork.requireTransaction('Queueing webhook messages'),
      `INSERT INTO notifications.webhook_messages (id, endpoint_id, event_id, event_type, body, next_attempt_at)
       SELECT r.id, r.endpoint_id, r.event_id, r.event_type, r.body, clock_timestamp()
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, endpoint_id uuid, event_id uuid, event_type text, body text)
       ON CONFLICT (endpoint_id, event_id) DO NOTHING`,
      [
        JSON.stringify(
          messages.map((m) => ({
            id: m.id,
            endpoint_id: m.endpointId,
            event_id: m.eventId,
            event_type: m.eventType,
            body: m.body,
          })),
        ),
      ],
    );
    return affected;
  }

  async claim(limit: number, perEndpoint: number, worker: string, leaseMs: number): Promise<ClaimedMessage[]> {
    const rows = await this.unitOfWork.run(async (manager) => {
      await sql(manager, CLAIM_LOCK);
      return (await sql<ClaimedRow>(manager, CLAIM_SQL, [limit, worker, leaseMs, perEndpoint])).rows;
    });
    return rows.map((row) => ({
      id: row.id,
      endpointId: row.endpoint_id,
      attempt: row.attempts,
      body: row.body,
      url: row.url,
      secrets: {
        secret: open(row.secret),
        previousSecret: row.previous_secret === null ? null : open(row.previous_secret),
        previousSecretExpiresAt: row.previous_secret_expires_at,
      },
    }));
  }

  async recordAttempt(
    message: ClaimedMessage,
    worker: string,
    attempt: RecordedAttempt,
    next: NextStep,
  ): Promise<void> {
    const disabledReason =
      next.status === 'failed' && next.disableEndpoint
        ? `The receiver answered ${attempt.statusCode ?? 410} Gone on ${attempt.attemptedAt.toISOString()}`
        : null;
    await sql(this.unitOfWork.manager, RECORD_ATTEMPT_SQL, [
      message.id,
      worker,
      newId(),
      message.attempt,
      attempt.attemptedAt,
      attempt.durationMs,
      attempt.statusCode,
      attempt.error?.slice(0, MAX_ERROR_LENGTH) ?? null,
      next.status,
      next.status === 'pending' ? next.retryInMs : 0,
      disabledReason,
    ]);
  }

  /** Gives a message up without an attempt: its earlier attempts never finished (the worker died while sending). */
  async giveUp(message: ClaimedMessage, worker: string, error: string): Promise<void> {
    await sql(
      this.unitOfWork.manager,
      `UPDATE notifications.webhook_messages
       SET status = 'failed', next_attempt_at = NULL, finished_at = clock_timestamp(), locked_by = NULL, last_error = $3
       WHERE id = $1 AND locked_by = $2 AND status = 'pending'`,
      [message.id, worker, error],
    );
  }

  /** Puts a claimed message back, due now, without counting the attempt: it was never sent (the worker is stopping). */
  async release(message: ClaimedMessage, worker: string): Promise<void> {
    await sql(
      this.unitOfWork.manager,
      `UPDATE notifications.webhook_messages
       SET attempts = greatest(attempts - 1, 0), next_attempt_at = clock_timestamp(), locked_by = NULL
       WHERE id = $1 AND locked_by = $2 AND status = 'pending'`,
      [message.id, worker],
    );
  }

  /**
   * Locks a message for a manual retry. Null when there is none; otherwise whether its endpoint
   * is enabled and whether a worker holds it right now (under a lease that has not run out).
   */
  async lockForRetry(id: string): Promise<{ endpointId: string; endpointEnabled: boolean; inFlight: boolean } | null> {
    if (!isId(id)) return null;
    const { rows } = await sql<{ endpoint_id: string; enabled: boolean; in_flight: boolean }>(
      this.unitOfWork.requireTransaction('Retrying a webhook message'),
      `SELECT m.endpoint_id, e.enabled, (m.locked_by IS NOT NULL AND m.next_attempt_at > clock_timestamp()) AS in_flight
       FROM notifications.webhook_messages m JOIN notifications.webhook_endpoints e ON e.id = m.endpoint_id
       WHERE m.id = $1
       FOR UPDATE OF m`,
      [id],
    );
    const [row] = rows;
    return row ? { endpointId: row.endpoint_id, endpointEnabled: row.enabled, inFlight: row.in_flight } : null;
  }

  /** Makes a message due now with a fresh series of attempts, whatever its status. */
  async requeue(id: string): Promise<void> {
    await sql(
      this.unitOfWork.requireTransaction('Retrying a webhook message'),
      `UPDATE notifications.webhook_messages
       SET status = 'pending', attempts = 0, next_attempt_at = clock_timestamp(), locked_by = NULL, finished_at = NULL
       WHERE id = $1`,
      [id],
    );
  }

  async find(id: string): Promise<WebhookMessageView | null> {
    if (!isId(id)) return null;
    const { rows } = await sql<MessageRow>(
      this.unitOfWork.manager,
      `SELECT ${MESSAGE_COLUMNS} FROM notifications.webhook_messages m WHERE m.id = $1`,
      [id],
    );
    const [view] = await this.withAttempts(rows);
    return view ?? null;
  }

  /** An endpoint's messages, newest first, after the cursor, each with its attempts; `limit + 1` rows. */
  async listForEndpoint(
    endpointId: string,
    filter: WebhookMessageFilter,
    limit: number,
    startingAfter?: string,
  ): Promise<WebhookMessageView[]> {
    const { rows } = await sql<MessageRow>(
      this.unitOfWork.manager,
      `SELECT ${MESSAGE_COLUMNS} FROM notifications.webhook_messages m
       WHERE m.endpoint_id = $1
         AND ($2::uuid IS NULL OR m.id < $2::uuid)
         AND ($3::text IS NULL OR m.status = $3)
       ORDER BY m.id DESC LIMIT $4`,
      [endpointId, startingAfter ?? null, filter.status ?? null, limit + 1],
    );
    return this.withAttempts(rows);
  }

  private async withAttempts(rows: readonly MessageRow[]): Promise<WebhookMessageView[]> {
    if (rows.length === 0) return [];
    const { rows: attempts } = await sql<{
      message_id: string;
      attempt: number;
      attempted_at: Date;
      duration_ms: number;
      status_code: number | null;
      error: string | null;
    }>(
      this.unitOfWork.manager,
      `SELECT message_id, attempt, attempted_at, duration_ms, status_code, error
       FROM notifications.webhook_attempts WHERE message_id = ANY($1::uuid[])
       ORDER BY attempted_at, id`,
      [rows.map((row) => row.id)],
    );
    const byMessage = new Map<string, WebhookAttemptView[]>();
    for (const a of attempts) {
      const list = byMessage.get(a.message_id) ?? [];
      list.push({
        attempt: a.attempt,
        attemptedAt: a.attempted_at,
        durationMs: a.duration_ms,
        statusCode: a.status_code,
        error: a.error,
      });
      byMessage.set(a.message_id, list);
    }
    return rows.map((row) => ({
      id: row.id,
      endpointId: row.endpoint_id,
      eventId: row.event_id,
      eventType: row.event_type,
      body: row.body,
      status: row.status,
      nextAttemptAt: row.status === 'pending' ? row.next_attempt_at : null,
      lastStatusCode: row.last_status_code,
      lastError: row.last_error,
      createdAt: row.created_at,
      finishedAt: row.finished_at,
      attempts: byMessage.get(row.id) ?? [],
    }));
  }
}
