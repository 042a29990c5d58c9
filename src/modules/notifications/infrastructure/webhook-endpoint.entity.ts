import { sealedText } from '../../../platform/crypto';
import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { WebhookEndpoint } from '../domain/webhook-endpoint';

@Entity({ schema: 'notifications', name: 'webhook_endpoints' })
export class WebhookEndpointEntity implements WebhookEndpoint {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  url: string;

  @Column('text', { nullable: true })
  description: string | null;

  /** Event types, or `['*']` for all of them. */
  @Column('text', { name: 'event_types', array: true })
  eventTypes: string[];

  /** When set, only events about this account are sent. */
  @Column('text', { name: 'account_id', nullable: true })
  accountId: string | null;

  @Column('boolean')
  enabled: boolean;

  @Column('text', { name: 'disabled_reason', nullable: true })
  disabledReason: string | null;

  /** Sealed at rest (AES-256-GCM, the platform's secrets key); plaintext in the entity. */
  @Column('text', { transformer: sealedText })
  secret: string;

  @Column('text', { name: 'previous_secret', nullable: true, transformer: sealedText })
  previousSecret: string | null;

  @Column('timestamptz', { name: 'previous_secret_expires_at', nullable: true })
  previousSecretExpiresAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
