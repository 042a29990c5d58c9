import { Inject, Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RequestContext } from '../context/request-context';
import { RATE_CLASS, type RateClass } from '../http/rate-limit/rate-limit.decorator';
import { RateLimitedError } from '../http/rate-limit/rate-limited.error';
import { RateLimiter } from '../http/rate-limit/rate-limiter';
import { isApiKeyShaped, secretMatcher, visiblePrefix } from './api-key-secret';
import { ApiKeyStore } from './api-key.store';
import { authConfig, type AuthConfig } from './auth.config';
import { ACCESS, type Access } from './auth.decorators';
import { ForbiddenError, UnauthenticatedError } from './auth.errors';
import { attachCaller, type Caller } from './caller';
import { grants, type Scope } from './scopes';

const BEARER = /^Bearer[ ]+(\S+)[ ]*$/i;
/** A route that declares nothing is admin-only: forgetting the decorator can never open one. */
const UNDECLARED: Access = { public: false, scope: 'admin' };

/**
 * The global guard: finds the caller from its API key, counts the request against the caller's
 * rate limit (its key's, or its address's when it has no valid key), and checks the route's scope.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly limiter: RateLimiter;
  private readonly isAdminKey: (secret: string) => boolean;
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeyStore,
    @Inject(authConfig.KEY) private readonly config: AuthConfig,
  ) {
    this.limiter = new RateLimiter(config.rateLimit.windowMs);
    const admin = config.adminApiKey;
    this.isAdminKey = admin ? secretMatcher(admin) : () => false;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const access =
      this.reflector.getAllAndOverride<Access | undefined>(ACCESS, [context.getHandler(), context.getClass()]) ??
      UNDECLARED;
    const scope = this.requiredScope(access);
    if (!scope) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const caller = await this.authenticate(request.headers.authorization);
    if (!caller) {
      // Only the key's visible prefix is ever logged, never the key.
      const presented = BEARER.exec(request.headers.authorization ?? '')?.[1];
      this.logger.debug(
        { requestId: request.id, keyPrefix: presented ? visiblePrefix(presented) : null },
        'Unauthenticated request',
      );
      this.count(reply, `address:${request.ip}`, this.config.rateLimit.anonymousMax);
      throw new UnauthenticatedError();
    }
    const rateClass =
      this.reflector.getAllAndOverride<RateClass | undefined>(RATE_CLASS, [context.getHandler(), context.getClass()]) ??
      'default';
    const { max, moneyMax } = this.config.rateLimit;
    this.count(reply, `key:${caller.keyId}:${rateClass}`, rateClass === 'money' ? moneyMax : max);
    attachCaller(request, caller);
    RequestContext.current().caller = caller;
    if (!grants(caller.scopes, scope)) throw new ForbiddenError(`This API key lacks the scope ${scope}`);
    return true;
  }

  /** Counts the request; over the limit, a 429 with Retry-After. RateLimit-* headers either way. */
  private count(reply: FastifyReply, key: string, limit: number): void {
    if (!this.config.rateLimit.enabled) return;
    const hit = this.limiter.hit(key, limit);
    void reply
      .header('RateLimit-Limit', String(hit.limit))
      .header('RateLimit-Remaining', String(hit.remaining))
      .header('RateLimit-Reset', String(hit.resetSeconds));
    if (hit.allowed) return;
    void reply.header('Retry-After', String(hit.resetSeconds));
    throw new RateLimitedError(hit.resetSeconds);
  }

  private requiredScope(access: Access): Scope | null {
    if (!access.public) return access.scope;
    if (access.unless && !this.config[access.unless.setting]) return access.unless.scope;
    return null;
  }

  private async authenticate(header: string | undefined): Promise<Caller | null> {
    const secret = header ? BEARER.exec(header)?.[1] : undefined;
    if (!secret || !isApiKeyShaped(secret)) return null;
    if (this.isAdminKey(secret)) {
      return { keyId: 'setting', keyName: 'ADMIN_API_KEY', scopes: ['admin'], ownerId: null };
    }
    return this.keys.authenticate(secret);
  }
}
