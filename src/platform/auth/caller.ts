import type { FastifyRequest } from 'fastify';

/** Who sent a request: the API key it authenticated with. */
export interface Caller {
  /** The key's id (`setting` for the key given by ADMIN_API_KEY). */
  readonly keyId: string;
  readonly keyName: string;
  readonly scopes: readonly string[];
  /** Set for an owner-bound key: it sees only that owner's resources. Null for a platform key. */
  readonly ownerId: string | null;
}

type WithCaller = FastifyRequest & { caller?: Caller };

export function callerOf(request: FastifyRequest): Caller | undefined {
  return (request as WithCaller).caller;
}

export function attachCaller(request: FastifyRequest, caller: Caller): void {
  (request as WithCaller).caller = caller;
}
