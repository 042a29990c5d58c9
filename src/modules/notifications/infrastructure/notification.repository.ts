import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { sql } from '../../../platform/database/sql';
import { UnitOfWork } from '../../../platform/database/unit-of-work';
import { isId, newId } from '../../../platform/ids';
import type { NotificationAudience, NotificationDraft } from '../domain/notification';
import { NotificationEntity } from './notification.entity';

export interface NotificationFilter {
  accountId?: string;
  audience?: NotificationAudience;
  unread?: boolean;
}

/** The notification feed. Every query runs in the caller's unit of work when there is one. */
@Injectable()
export class NotificationRepository {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  private get repository() {
    return this.unitOfWork.manager.getRepository(NotificationEntity);
  }

  /**
   * Writes an event's notifications in one statement. One that exists already for the same
   * (event, account, type) is skipped, so an event handled twice notifies once. Returns how many were new.
   */
  async record(eventId: string, drafts: readonly NotificationDraft[]): Promise<number> {
    if (drafts.length === 0) return 0;
    const rows = drafts.map((draft) => ({
      id: newId(),
      audience: draft.audience,
      account_id: draft.accountId,
      type: draft.type,
      title: draft.title,
      message: draft.message,
      data: draft.data,
    }));
    const { affected } = await sql(
      this.unitOfWork.requireTransaction('Recording notifications'),
      `INSERT INTO notifications.notifications (id, audience, account_id, type, title, message, data, event_id)
       SELECT r.id, r.audience, r.account_id, r.type, r.title, r.message, r.data, $2
       FROM jsonb_to_recordset($1::jsonb)
         AS r(id uuid, audience text, account_id text, type text, title text, message text, data jsonb)
       ON CONFLICT DO NOTHING`,
      [JSON.stringify(rows), eventId],
    );
    return affected;
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
    if (filter.accountId) query.andWhere('notification.accountId = :accountId', { accountId: filter.accountId });
    if (filter.audience) query.andWhere('notification.audience = :audience', { audience: filter.audience });
    if (filter.unread === true) query.andWhere('notification.readAt IS NULL');
    if (filter.unread === false) query.andWhere('notification.readAt IS NOT NULL');
    return query.getMany();
  }
}
