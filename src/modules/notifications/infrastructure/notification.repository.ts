import { Injectable } from '@nestjs/common';
import { IsNull, type EntityManager } from 'typeorm';
import { deferredSql, UnitOfWork } from '../../../platform/database';
import { isId, newId } from '../../../platform/ids';
import type { NotificationDraft, NotificationFilter } from '../domain/notification';
import { NotificationEntity } from './notification.entity';

/** The notification feed. Every query runs in the caller's unit of work when there is one. */
@Injectable()
export class NotificationRepository {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  private get repository() {
    return this.unitOfWork.manager.getRepository(NotificationEntity);
  }

  /**
   * Gathers an event's notifications into the transaction: those of a whole batch of events are
   * written together just before it commits, in one statement. One that exists already for the
   * same (event, account, type) is skipped, so an event handled twice notifies once.
   */
  record(eventId: string, drafts: readonly NotificationDraft[]): void {
    for (const draft of drafts) {
      this.unitOfWork.collect(this, { eventId, draft }, (manager, gathered) => this.write(manager, gathered));
    }
  }

  private async write(
    manager: EntityManager,
    gathered: ReadonlyArray<{ eventId: string; draft: NotificationDraft }>,
  ): Promise<void> {
    const rows = gathered.map(({ eventId, draft }) => ({
      id: newId(),
      audience: draft.audience,
      account_id: draft.accountId,
      type: draft.type,
      title: draft.title,
      message: draft.message,
      data: draft.data,
      event_id: eventId,
    }));
    await deferredSql(
      manager,
      'notifications_record',
      `INSERT INTO notifications.notifications (id, audience, account_id, type, title, message, data, event_id)
       SELECT r.id, r.audience, r.account_id, r.type, r.title, r.message, r.data, r.event_id
       FROM jsonb_to_recordset($1::jsonb)
         AS r(id uuid, audience text, account_id text, type text, title text, message text, data jsonb, event_id uuid)
       ON CONFLICT DO NOTHING`,
      [JSON.stringify(rows)],
    );
  }

  async find(id: string): Promise<NotificationEntity | null> {
    if (!isId(id)) return null;
    return this.repository.findOneBy({ id });
  }

  /** Marks it read once; reading it again keeps the first time. */
  async markRead(id: string): Promise<NotificationEntity | null> {
    if (!isId(id)) return null;
    await this.repository.update({ id, readAt: IsNull() }, { readAt: () => 'now()' });
    return this.repository.findOneBy({ id });
  }

  /** Newest first, after the cursor. Fetches `limit + 1` rows to tell whether more follow. */
  async list(filter: NotificationFilter, limit: number, startingAfter?: string): Promise<NotificationEntity[]> {
    const query = this.repository
      .createQueryBuilder('notification')
      .orderBy('notification.id', 'DESC')
      .limit(limit + 1);
    if (startingAfter) query.andWhere('notification.id < :startingAfter', { startingAfter });
    if (filter.ownerId)
      query.andWhere(
        `notification.accountId IN (SELECT o.account_id::text FROM notifications.account_owners o WHERE o.owner_id = :ownerId)`,
        { ownerId: filter.ownerId },
      );
    if (filter.accountId) query.andWhere('notification.accountId = :accountId', { accountId: filter.accountId });
    if (filter.audience) query.andWhere('notification.audience = :audience', { audience: filter.audience });
    if (filter.unread === true) query.andWhere('notification.readAt IS NULL');
    if (filter.unread === false) query.andWhere('notification.readAt IS NOT NULL');
    return query.getMany();
  }
}
