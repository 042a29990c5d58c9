import { Client, type QueryConfig, type QueryResult } from 'pg';

type Writable = NodeJS.WritableStream & { cork(): void; uncork(): void };

/**
 * A pg client that spends fewer round trips on a transaction, where a payment's time went: each
 * statement awaited is a write, a wake-up of the server and a wait. In pg's pipeline mode
 * (`pipeline: true`) it sends what needs no answer without waiting:
 *
 * - `START TRANSACTION` (TypeORM opens every unit of work with it) is held back and goes out
 *   with the transaction's first statement, in the same write. A transaction with no statement
 *   sends nothing at all.
 * - `defer()` sends a write whose answer nobody reads (the outbox, the inbox, a timeline) and
 *   returns at once. Deferred writes wait in the socket's buffer and leave with the next
 *   statement that needs an answer, or with the COMMIT, in one write. One connection runs its
 *   statements in the order sent, so a later read sees them.
 * - Statements a transaction begins in one turn of the event loop (a `Promise.all`) share one
 *   write. A statement outside any transaction goes out at once, as with a plain client.
 * - COMMIT answers only once every deferred write has. If one failed, PostgreSQL has already
 *   turned the COMMIT into a rollback, and the COMMIT rejects with that write's own error, as the
 *   write would have had it been awaited. A statement refused because the transaction had
 *   already failed (25P02) rejects with that first error too.
 *
 * Without pipeline mode (DATABASE_PIPELINE=false; the embedded database) it is a plain client, and
 * deferred writes are awaited like any other.
 */
export class PipelinedClient extends Client {
  private beginHeld = false;
  /** Between START TRANSACTION and its COMMIT or ROLLBACK: only there are statements held or deferred. */
  private inTransaction = false;
  /** The deferred writes of the open transaction, each settling (never rejecting) with its answer. */
  private deferred: Array<Promise<void>> = [];
  /** The first error among them. */
  private failure?: Error;
  /** True while deferred writes wait in the socket's buffer. */
  private corked = false;
  /** True while this tick's statements wait in it. */
  private tickHeld = false;

  get pipelined(): boolean {
    return (this as unknown as { pipeline: boolean }).pipeline;
  }

  // pg's overloads are many: the promise forms are what TypeORM and the platform use, the
  // callback form what the pool's own query() uses.
  override query(...args: unknown[]): never {
    if (!this.pipelined) return this.send(args) as never;
    const text = typeof args[0] === 'string' ? args[0] : undefined;
    if (text === 'START TRANSACTION') {
      this.beginHeld = this.inTransaction = true;
      return Promise.resolve(emptyResult('BEGIN')) as never;
    }
    if ((text === 'COMMIT' || text === 'ROLLBACK') && this.beginHeld) {
      // Nothing was sent, so there is nothing to end.
      this.beginHeld = this.inTransaction = false;
      return Promise.resolve(emptyResult(text)) as never;
    }
    if (text === 'COMMIT') return this.commit() as never;
    if (text === 'ROLLBACK') return this.rollback() as never;
    const answer = this.sendNow(args);
    return (answer instanceof Promise ? this.withFirstError(answer as Promise<QueryResult>) : answer) as never;
  }

  /** Sends `config` without waiting for its answer: its error, if any, fails the transaction's COMMIT. */
  defer(config: QueryConfig): void {
    if (!this.corked) {
      this.stream().cork();
      this.corked = true;
    }
    const answer = this.sendHeld([config]) as Promise<QueryResult>;
    this.deferred.push(
      answer.then(
        () => undefined,
        (error: Error) => {
          this.failure ??= error;
        },
      ),
    );
  }

  /**
   * Waits for the deferred writes sent so far and throws the first error among them, which is
   * then forgotten: for a savepoint, whose work must have succeeded or failed by its end.
   */
  async settle(): Promise<void> {
    this.flushDeferred();
    await Promise.all(this.takeDeferred());
    const failure = this.takeFailure();
    if (failure) throw failure;
  }

  private async commit(): Promise<QueryResult> {
    const commit = this.sendNow(['COMMIT']) as Promise<QueryResult>;
    this.inTransaction = false;
    await Promise.all(this.takeDeferred());
    const failure = this.takeFailure();
    const result = await commit.catch((error: Error) => {
      throw failure ?? error;
    });
    if (failure) throw failure;
    // A statement failed and the caller went on: PostgreSQL rolled the whole transaction back.
    if (result.command !== 'COMMIT') throw new Error('The transaction had failed: it was rolled back, not committed');
    return result;
  }

  private async rollback(): Promise<QueryResult> {
    const rollback = this.sendNow(['ROLLBACK']) as Promise<QueryResult>;
    this.inTransaction = false;
    // Their answers come first; their errors belong to the transaction being undone.
    await Promise.all(this.takeDeferred());
    this.takeFailure();
    return rollback;
  }

  /**
   * Sends `args` now, after the held BEGIN and the deferred writes. Statements sent in one turn
   * of the event loop (Promise.all of several, say) share one write: the socket is uncorked on
   * the next tick.
   */
  private sendNow(args: unknown[]): unknown {
    // A statement on its own (a read outside any transaction) has nothing to wait for.
    if (!this.inTransaction) return this.send(args);
    this.holdUntilNextTick();
    const answer = this.sendHeld(args);
    this.flushDeferred();
    return answer;
  }

  private holdUntilNextTick(): void {
    if (this.tickHeld) return;
    this.tickHeld = true;
    const stream = this.stream();
    stream.cork();
    process.nextTick(() => {
      this.tickHeld = false;
      stream.uncork();
    });
  }

  private sendHeld(args: unknown[]): unknown {
    if (this.beginHeld) {
      this.beginHeld = false;
      // If it fails (a lost connection), so does every statement after it.
      (this.send(['START TRANSACTION']) as Promise<QueryResult>).catch(() => undefined);
    }
    return this.send(args);
  }

  /** Lets the deferred writes waiting in the buffer go. */
  private flushDeferred(): void {
    if (!this.corked) return;
    this.corked = false;
    this.stream().uncork();
  }

  private withFirstError(answer: Promise<QueryResult>): Promise<QueryResult> {
    return answer.catch((error: Error & { code?: string }) => {
      throw error.code === '25P02' && this.failure ? this.failure : error;
    });
  }

  private takeDeferred(): Array<Promise<void>> {
    const writes = this.deferred;
    this.deferred = [];
    return writes;
  }

  private takeFailure(): Error | undefined {
    const failure = this.failure;
    this.failure = undefined;
    return failure;
  }

  private send(args: unknown[]): unknown {
    return (Client.prototype.query as (...a: unknown[]) => unknown).apply(this, args);
  }

  private stream(): Writable {
    return (this as unknown as { connection: { stream: Writable } }).connection.stream;
  }
}

function emptyResult(command: string): QueryResult {
  return { command, rowCount: null, oid: 0, rows: [], fields: [] };
}
