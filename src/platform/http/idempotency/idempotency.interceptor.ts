import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { UnitOfWork } from '../../database/unit-of-work';
import { DomainError, InvalidRequestError } from '../../errors/domain-error';
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
import { IdempotencyStore } from './idempotency-store';
import { IDEMPOTENT, type IdempotentOptions } from './idempotent.metadata';
import { callerScope, requestFingerprint } from './request-fingerprint';

const VALID_KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * Makes an endpoint idempotent (see `@Idempotent`). The handler runs inside a unit of work that
 * also stores its response under the key, so "the work happened" and "its response is stored"
 * commit together: a retry after any crash either replays that response or runs the work anew.
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
    return from(this.execute(request, reply, key, next));
  }

  private async execute(
    request: FastifyRequest,
    reply: FastifyReply,
    key: string,
    next: CallHandler,
  ): Promise<unknown> {
    const scope = callerScope(request.headers.authorization);
    const path = request.url.split('?')[0];
    const claim = await this.store.claim(scope, key, requestFingerprint(request.method, path, request.body));
    switch (claim.kind) {
      case 'mismatch':
        throw new IdempotencyKeyReusedError();
      case 'in_use':
        throw new IdempotencyKeyInUseError();
      case 'replay':
        void reply.status(claim.status).header(REPLAYED_HEADER, 'true');
        if (claim.status >= 400) void reply.header('Content-Type', PROBLEM_CONTENT_TYPE);
        return claim.body;
      case 'acquired':
        break;
    }

    try {
      return await this.unitOfWork.run(async (manager) => {
        const body: unknown = await lastValueFrom(next.handle(), { defaultValue: undefined });
        await this.store.complete(manager, scope, key, reply.statusCode, body);
        return body;
      });
    } catch (error) {
      if (error instanceof DomainError && !(error instanceof InvalidRequestError)) {
        // A business refusal is an answer too: the same request gets the same answer again.
        const problem = this.problems.toProblem(error, request);
        await this.unitOfWork.run((manager) => this.store.complete(manager, scope, key, problem.status, problem));
      } else {
        await this.store.release(scope, key);
      }
      throw error;
    }
  }
}
