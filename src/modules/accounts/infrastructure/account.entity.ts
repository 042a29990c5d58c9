import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { bigintTransformer } from '../../../platform/database/bigint.transformer';
import type { AccountStatus } from '../domain/account';

@Entity({ schema: 'accounts', name: 'accounts' })
export class AccountEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  @Column('char', { length: 3 })
  currency: string;

  @Column('text')
  status: AccountStatus;

  @Column('text')
  kind: 'customer' | 'system';

  @Column('text', { name: 'owner_id', nullable: true })
  ownerId: string | null;

  @Column('jsonb')
  metadata: Record<string, string>;

  @Column('boolean', { name: 'allow_overdraft' })
  allowOverdraft: boolean;

  @Column('bigint', { transformer: bigintTransformer })
  balance: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
