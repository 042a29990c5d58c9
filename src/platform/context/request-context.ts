import { AsyncLocalStorage } from 'node:async_hooks';
import type { EntityManager } from 'typeorm';

/** The transaction a unit of work runs in, shared by everything called inside it. */
export interface TransactionScope {
  readonly manager: EntityManager;
  /** Work to finish in the transaction, once everything else in it is done (batched writes). */
  readonly beforeCommit: Array<() => Promise<void>>;
  readonly afterCommit: Array<() => void>;
  /** Items gathered for one write before commit (see `UnitOfWork.collect`), by owner. */
  readonly buffers: Map<object, unknown[]>;
}

/** A scope for a transaction just opened on `manager`. */
export function transactionScope(manager: EntityManager): TransactionScope {
  return { manager, beforeCommit: [], afterCommit: [], buffers: new Map() };
}

/**
 * What travels with one request or one handled event: who caused it (for logs and event
 * envelopes) and the open transaction (so repositories and the publisher join it).
 */
export interface ContextStore {
  requestId?: string;
  /** The authenticated API key of the request, once the guard has found it. */
  caller?: { readonly keyId: string; readonly keyName: string };
  correlationId?: string;
  causationId?: string;
  /**
   * The W3C trace context (`traceparent`) of the span doing this work, when tracing is on: events
   * published now carry it, so their consumers' spans join the same trace.
   */
  traceparent?: string;
  transaction?: TransactionScope;
}

/** Who caused the work under way: what events published now are correlated with and caused by. */
export type Cause = Pick<ContextStore, 'requestId' | 'correlationId' | 'causationId' | 'traceparent'>;

const storage = new AsyncLocalStorage<ContextStore>();

export const RequestContext = {
  current(): ContextStore {
    return storage.getStore() ?? {};
  },

  /** Runs `fn` with the current store extended by `patch`; the outer store is left untouched. */
  run<T>(patch: ContextStore, fn: () => T): T {
    return storage.run({ ...storage.getStore(), ...patch }, fn);
  },

  /**
   * The current cause, to restore with `run` when work gathered now is done later in the same
   * transaction (a batch handled set-based just before it commits).
   */
  cause(): Cause {
    const { requestId, correlationId, causationId, traceparent } = storage.getStore() ?? {};
    return { requestId, correlationId, causationId, traceparent };
  },

  /** Runs `fn` in a fresh store that inherits nothing, for work that must not join a caller's transaction. */
  isolated<T>(store: ContextStore, fn: () => T): T {
    return storage.run({ ...store }, fn);
  },
};
