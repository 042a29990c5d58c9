import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Notification, NotificationAudience, NotificationData, NotificationType } from '../domain/notification';

@Entity({ schema: 'notifications', name: 'notifications' })
export class NotificationEntity implements Notification {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  audience: NotificationAudience;

  @Column('text', { name: 'account_id', nullable: true })
  accountId: string | null;

  @Column('text')
  type: NotificationType;

  @Column('text')
  title: string;

  @Column('text')
  message: string;

  @Column('jsonb')
  data: NotificationData;

  @Column('uuid', { name: 'event_id' })
  eventId: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'read_at', nullable: true })
  readAt: Date | null;
}
