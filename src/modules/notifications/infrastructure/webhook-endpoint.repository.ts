import { Injectable } from '@nestjs/common';
import { sql, UnitOfWork } from '../../../platform/database';
import { isId } from '../../../platform/ids';
import { ALL_EVENT_TYPES } from '../domain/notifiable-events';
import { WebhookEndpointEntity } from './webhook-endpoint.entity';
import { seal } from '../../../platform/crypto';
import type { WebhookEndpointFilter } from '../domain/webhook-endpoint';

export type WebhookEndpointChanges = Partial<
  Pick<WebhookEndpointEntity, 'url' | 'description' | 'eventTypes' | 'enabled' | 'disabledReason'>
>;

/** Webhook endpoints and their secrets. Every query runs in the caller's unit of work when there is one. */
@Injectable()
export class WebhookEndpointRepository {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  private get repository() {
    return this.unitOfWork.manager.getRepository(WebhookEndpointEntity);
  }

  async insert(
    endpoint: Omit<WebhookEndpointEntity, 'createdAt' | 'updatedAt' | 'previousSecret' | 'previousSecretExpiresAt'>,
  ): Promise<WebhookEndpointEntity> {
    return this.repository.save(
      this.repository.create({ ...endpoint, previousSecret: null, previousSecretExpiresAt: null }),
    );
  }

  async find(id: string): Promise<WebhookEndpointEntity | null> {
    if (!isId(id)) return null;
    return this.repository.findOneBy({ id });
  }

  /** Applies the changes; null when there is no such endpoint. */
  async update(id: string, changes: WebhookEndpointChanges): Promise<WebhookEndpointEntity | null> {
    if (!isId(id)) return null;
    if (Object.keys(changes).length > 0) await this.repository.update({ id }, changes);
    return this.repository.findOneBy({ id });
  }

  /** The secret in use becomes the previous one, which keeps signing for `overlapSeconds`. */
  async rotateSecret(id: string, secret: string, overlapSeconds: number): Promise<WebhookEndpointEntity | null> {
    if (!isId(id)) return null;
    const { affected } = await sql(
      this.unitOfWork.manager,
      `UPDATE notifications.webhook_endpoints
       SET previous_secret = secret, secret = $2,
           previous_secret_expires_at = now() + $3 * interval '1 second', updated_at = now()
       WHERE id = $1`,
      [id, seal(secret), overlapSeconds],
    );
    return affected > 0 ? this.repository.findOneBy({ id }) : null;
  }

  /** Deletes it with its messages and their attempts; false when there was none. */
  async delete(id: string): Promise<boolean> {
    if (!isId(id)) return false;
    const result = await this.repository.delete({ id });
    return (result.affected ?? 0) > 0;
  }

  /** Newest first, after the cursor. Fetches `limit + 1` rows to tell whether more follow. */
  async list(filter: WebhookEndpointFilter, limit: number, startingAfter?: string): Promise<WebhookEndpointEntity[]> {
    const query = this.repository
      .createQueryBuilder('endpoint')
      .orderBy('endpoint.id', 'DESC')
      .limit(limit + 1);
    if (startingAfter) query.andWhere('endpoint.id < :startingAfter', { startingAfter });
    if (filter.ownerId)
      query.andWhere(
        `endpoint.accountId IN (SELECT o.account_id::text FROM notifications.account_owners o WHERE o.owner_id = :ownerId)`,
        { ownerId: filter.ownerId },
      );
    if (filter.accountId) query.andWhere('endpoint.accountId = :accountId', { accountId: filter.accountId });
    return query.getMany();
  }

  /**
   * Where each event goes, in one query: the enabled endpoints that take its type and are for all
   * accounts or for one it concerns, as pairs of (the event's index in `events`, endpoint id).
   */
  async subscribedTo(
    events: ReadonlyArray<{ type: string; accountIds: readonly string[] }>,
  ): Promise<Array<{ event: number; endpointId: string }>> {
    const { rows } = await sql<{ event: number; endpoint_id: string }>(
      this.unitOfWork.manager,
      `SELECT e.index AS event, endpoint.id AS endpoint_id
       FROM jsonb_to_recordset($1::jsonb) AS e(index int, type text, account_ids text[])
       JOIN notifications.webhook_endpoints endpoint
         ON endpoint.enabled
        AND endpoint.event_types && ARRAY[e.type, $2]::text[]
        AND (endpoint.account_id IS NULL OR endpoint.account_id = ANY(e.account_ids))
       ORDER BY e.index, endpoint.id`,
      [
        JSON.stringify(events.map((event, index) => ({ index, type: event.type, account_ids: event.accountIds }))),
        ALL_EVENT_TYPES,
      ],
    );
    return rows.map((row) => ({ event: row.event, endpointId: row.endpoint_id }));
  }
}
