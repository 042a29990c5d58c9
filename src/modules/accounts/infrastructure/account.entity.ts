import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn, VirtualColumn } from 'typeorm';
import { bigintTransformer } from '../../../platform/database';
import type { Account, AccountKind, AccountStatus } from '../domain/account';

@Entity({ schema: 'accounts', name: 'accounts' })
export class AccountEntity implements Account {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  @Column('char', { length: 3 })
  currency: string;

  @Column('text')
  status: AccountStatus;

  /** A customer's held (pending) balance is an account of its own, kind `hold`, whose parent is the customer's. */
  @Column('text')
  kind: AccountKind;

  @Column('uuid', { name: 'parent_id', nullable: true })
  parentId: string | null;

  @Column('text', { name: 'owner_id', nullable: true })
  ownerId: string | null;

  @Column('jsonb')
  metadata: Record<string, string>;

  @Column('boolean', { name: 'allow_overdraft' })
  allowOverdraft: boolean;

  /** The available balance. */
  @Column('bigint', { transformer: bigintTransformer })
  balance: number;

  /** Money on hold: the balance of the account's hold account (read with the row; absent on an entity just inserted). */
  @VirtualColumn({
    type: 'bigint',
    transformer: bigintTransformer,
    query: (alias) =>
      `SELECT coalesce((SELECT h.balance FROM accounts.accounts h WHERE h.parent_id = ${alias}.id AND h.kind = 'hold'), 0)`,
  })
  pending?: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
