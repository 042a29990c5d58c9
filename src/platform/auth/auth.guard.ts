import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { RequestContext } from '../context/request-context';
import { isApiKeyShaped, sameSecret } from './api-key-secret';
import { ApiKeyStore } from './api-key.store';
import { authConfig, type AuthConfig } from './auth.config';
import { ACCESS, type Access } from './auth.decorators';
import { ForbiddenError, UnauthenticatedError } from './auth.errors';
import { attachCaller, type Caller } from './caller';
import { grants, type Scope } from './scopes';

const BEARER = /^Bearer[ ]+(\S+)[ ]*$/i;
/** A route that declares nothing is admin-only: forgetting the decorator can never open one. */
const UNDECLARED: Access = { public: false, scope: 'admin' };

/** The global guard: finds the caller from its API key and checks the route's scope. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeyStore,
    @Inject(authConfig.KEY) private readonly config: AuthConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const access =
      this.reflector.getAllAndOverride<Access | undefined>(ACCESS, [context.getHandler(), context.getClass()]) ??
      UNDECLARED;
    const scope = this.requiredScope(access);
    if (!scope) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const caller = await this.authenticate(request.headers.authorization);
    if (!caller) throw new UnauthenticatedError();
    attachCaller(request, caller);
    RequestContext.current().caller = caller;
    if (!grants(caller.scopes, scope)) throw new ForbiddenError(`This API key lacks the scope ${scope}`);
    return true;
  }

  private requiredScope(access: Access): Scope | null {
    if (!access.public) return access.scope;
    if (access.unless && !this.config[access.unless.setting]) return access.unless.scope;
    return null;
  }

  private async authenticate(header: string | undefined): Promise<Caller | null> {
    const secret = header ? BEARER.exec(header)?.[1] : undefined;
    if (!secret || !isApiKeyShaped(secret)) return null;
    const admin = this.config.adminApiKey;
    if (admin && sameSecret(secret, admin)) {
      return { keyId: 'setting', keyName: 'ADMIN_API_KEY', scopes: ['admin'], ownerId: null };
    }
    return this.keys.authenticate(secret);
  }
}
