import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { callerOf } from '../../auth/caller';
import { open, seal } from '../../crypto/secret-box';
import { UnitOfWork } from '../../database/unit-of-work';
import { DomainError } from '../../errors/domain-error';
import { PROBLEM_CONTENT_TYPE } from '../problem-details';
import { ProblemDetailsFilter } from '../problem-details.filter';
import {
  IDEMPOTENCY_HEADER,
  IdempotencyKeyInUseError,
  IdempotencyKeyInvalidError,
  IdempotencyKeyRequiredError,
  IdempotencyKeyReusedError,
  REPLAYED_HEADER,
} from './idempotency.errors';
import { IdempotencyStore, type KeyState } from './idempotency-store';
import { IDEMPOTENT, type IdempotentOptions } from './idempotent.metadata';
import { callerScope, requestFingerprint } from './request-fingerprint';

const VALID_KEY = /^[\x21-\x7e]{1,255}$/;

/** A response stored sealed (see `sensitive`), as it was. */
function unseal(stored: unknown): unknown {
  const { sealed } = (stored ?? {}) as { sealed?: unknown };
  return typeof sealed === 'string' ? JSON.parse(open(sealed)) : stored;
}

/**
 * Makes an endpoint idempotent (see `@Idempotent`). The handler runs inside a unit of work that
 * also holds the key and stores the response under it, so "the work happened" and "its response
 * is stored" commit together: a retry after any crash either replays that response or runs the
 * work anew.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly problems = new ProblemDetailsFilter();

  constructor(
    private readonly reflector: Reflector,
    private readonly store: IdempotencyStore,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const options = this.reflector.get<IdempotentOptions | undefined>(IDEMPOTENT, context.getHandler());
    if (!options) return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const key = request.headers[IDEMPOTENCY_HEADER];
    if (key === undefined) {
      if (options.required) throw new IdempotencyKeyRequiredError();
      return next.handle();
    }
    if (typeof key !== 'string' || !VALID_KEY.test(key)) throw new IdempotencyKeyInvalidError();
    return from(this.execute(request, reply, key, next, options.sensitive ?? false));
  }

  private async execute(
    request: FastifyRequest,
    reply: FastifyReply,
    key: string,
    next: CallHandler,
    sensitive: boolean,
  ): Promise<unknown> {
    const scope = callerScope(callerOf(request)?.keyId);
    const fingerprint = requestFingerprint(request.method, request.url.split('?')[0], request.body);
    let refusal: DomainError | undefined;
    const state = await this.unitOfWork.run(
      async (manager): Promise<Exclude<KeyState, { kind: 'new' }> | { kind: 'done'; body: unknown }> => {
        const found = await this.store.begin(manager, scope, key, fingerprint);
        if (found.kind !== 'new') return found;
        let body: unknown;
        try {
          body = await this.unitOfWork.savepoint(() => lastValueFrom(next.handle(), { defaultValue: undefined }));
        } catch (error) {
          // Invalid input, or an unexpected failure: the transaction rolls back and nothing is stored.
          if (!(error instanceof DomainError) || error.kind === 'invalid') throw error;
          // A business refusal is an answer too: the work is undone, the answer kept for the same request.
          const problem = this.problems.toProblem(error, request);
          await this.store.save(manager, scope, key, fingerprint, problem.status, problem);
          refusal = error;
          return { kind: 'done', body: undefined };
        }
        const stored = sensitive ? { sealed: seal(JSON.stringify(body ?? null)) } : body;
        await this.store.save(manager, scope, key, fingerprint, reply.statusCode, stored);
        return { kind: 'done', body };
      },
    );
    if (refusal) throw refusal;
    switch (state.kind) {
      case 'in_use':
        throw new IdempotencyKeyInUseError();
      case 'mismatch':
        throw new IdempotencyKeyReusedError();
      case 'replay':
        void reply.status(state.status).header(REPLAYED_HEADER, 'true');
        if (state.status < 400) return sensitive ? unseal(state.body) : state.body;
        // A stored refusal is replayed as the problem it was, under this request's id.
        void reply.header('Content-Type', PROBLEM_CONTENT_TYPE);
        return { ...(state.body as object), requestId: request.id };
      case 'done':
        return state.body;
    }
  }
}
