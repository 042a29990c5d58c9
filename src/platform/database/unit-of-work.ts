import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel';
import { RequestContext, transactionScope, type TransactionScope } from '../context/request-context';
import { PipelinedClient } from './pipelined-client';
import { deferredSql } from './sql';

export class NoTransactionError extends Error {
  constructor(operation: string) {
    super(`${operation} must run inside a unit of work (UnitOfWork.run)`);
    this.name = 'NoTransactionError';
  }
}

/**
 * The one way to run a transaction. Work started inside another unit of work joins it, so a
 * command handler, the repositories it calls and the events it publishes commit or roll back
 * together, whoever opened the transaction (an HTTP request, an event consumer, a job).
 */
@Injectable()
export class UnitOfWork {
  private savepoints = 0;

  constructor(private readonly dataSource: DataSource) {}

  /** The open transaction's manager, or the pool's manager for reads outside any transaction. */
  get manager(): EntityManager {
    return RequestContext.current().transaction?.manager ?? this.dataSource.manager;
  }

  /** The open transaction's manager; throws when there is none, for writes that must be atomic with others. */
  requireTransaction(operation: string): EntityManager {
    const transaction = RequestContext.current().transaction;
    if (!transaction) throw new NoTransactionError(operation);
    return transaction.manager;
  }

  /**
   * Runs `work` in the open transaction, or in a new one. `isolation` applies only to a new one
   * (default READ COMMITTED): a transaction already open keeps its own.
   */
  async run<T>(work: (manager: EntityManager) => Promise<T>, isolation: IsolationLevel = 'READ COMMITTED'): Promise<T> {
    const open = RequestContext.current().transaction;
    if (open) return work(open.manager);

    let scope: TransactionScope | undefined;
    const inTransaction = (manager: EntityManager) => {
      const opened = (scope = transactionScope(manager));
      return RequestContext.run({ transaction: opened }, async () => {
        const value = await work(manager);
        await finishTransaction(opened);
        return value;
      });
    };
    // READ COMMITTED is PostgreSQL's default: without a level TypeORM opens the transaction with one
    // statement; with one it adds a SET TRANSACTION round trip to every transaction.
    const result = await (isolation === 'READ COMMITTED'
      ? this.dataSource.transaction(inTransaction)
      : this.dataSource.transaction(isolation, inTransaction));
    for (const hook of scope?.afterCommit ?? []) hook();
    return result;
  }

  /**
   * Runs `work` inside the current transaction under a savepoint: if it throws, what it wrote
   * (and the commit hooks it registered) is undone, and the transaction goes on without it.
   */
  async savepoint<T>(work: () => Promise<T>): Promise<T> {
    const transaction = RequestContext.current().transaction;
    if (!transaction) throw new NoTransactionError('A savepoint');
    const name = `work_${++this.savepoints}`;
    const [before, after] = [transaction.beforeCommit.length, transaction.afterCommit.length];
    const gathered = new Map([...transaction.buffers].map(([owner, items]) => [owner, items.length]));
    // Nothing to wait for: it goes out with the work's first statement.
    await deferredSql(transaction.manager, undefined, `SAVEPOINT ${name}`);
    try {
      const value = await work();
      // Its deferred writes must have succeeded by now, or the savepoint's work failed.
      await settleDeferred(transaction.manager);
      return value;
    } catch (error) {
      // Whatever else of it failed is undone with it.
      await settleDeferred(transaction.manager).catch(() => undefined);
      await transaction.manager.query(`ROLLBACK TO SAVEPOINT ${name}`);
      transaction.beforeCommit.length = before;
      transaction.afterCommit.length = after;
      // Items gathered by the undone work go too; a buffer it opened goes with its flush hook.
      for (const [owner, items] of transaction.buffers) {
        const kept = gathered.get(owner);
        if (kept === undefined) transaction.buffers.delete(owner);
        else items.length = kept;
      }
      throw error;
    }
  }

  /**
   * Gathers `item` into the current transaction's buffer for `owner`; just before the transaction
   * commits, `flush` writes everything gathered in one go. Items gathered under a savepoint that
   * rolls back are dropped with it.
   */
  collect<T>(owner: object, item: T, flush: (manager: EntityManager, items: readonly T[]) => Promise<void>): void {
    const transaction = RequestContext.current().transaction;
    if (!transaction) throw new NoTransactionError('Gathering a write');
    let items = transaction.buffers.get(owner) as T[] | undefined;
    if (!items) {
      const opened: T[] = (items = []);
      transaction.buffers.set(owner, opened);
      transaction.beforeCommit.push(async () => {
        transaction.buffers.delete(owner);
        if (opened.length > 0) await flush(transaction.manager, opened);
      });
    }
    items.push(item);
  }

  /** Runs `hook` once the current transaction commits; never when it rolls back. */
  afterCommit(hook: () => void): void {
    const transaction = RequestContext.current().transaction;
    if (!transaction) {
      hook();
      return;
    }
    transaction.afterCommit.push(hook);
  }
}

/** Waits for the transaction's deferred writes (deferredSql) and throws the first one's error. */
async function settleDeferred(manager: EntityManager): Promise<void> {
  const client: unknown = await manager.queryRunner?.connect();
  if (client instanceof PipelinedClient) await client.settle();
}

/** Runs the transaction's before-commit hooks, in order, including any they register themselves. */
async function finishTransaction(scope: TransactionScope): Promise<void> {
  while (scope.beforeCommit.length > 0) await scope.beforeCommit.shift()!();
}
