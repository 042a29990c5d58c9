import { applyDecorators, createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiProblems } from '../http/api-problems.decorator';
import { callerOf, type Caller } from './caller';
import type { Scope } from './scopes';

export const ACCESS = Symbol('access');
export const BEARER_SCHEME = 'apiKey';
/** The OpenAPI extension that names an operation's scope (swagger.ts writes it into the description too). */
export const SCOPE_EXTENSION = 'x-required-scope';

export type Access =
  | { readonly public: true; readonly unless?: { readonly setting: 'metricsPublic'; readonly scope: Scope } }
  | { readonly public: false; readonly scope: Scope };

/**
 * The route needs an API key holding `scope` (or `admin`). Every route declares this or
 * `@Public()`: an architecture test fails on a route with neither, and the guard treats one as admin-only.
 */
export function RequireScope(scope: Scope) {
  return applyDecorators(
    SetMetadata(ACCESS, { public: false, scope } satisfies Access),
    ApiBearerAuth(BEARER_SCHEME),
    ApiExtension(SCOPE_EXTENSION, scope),
    ApiProblems(
      { status: 401, codes: ['AUTH.UNAUTHENTICATED'] },
      { status: 403, codes: ['AUTH.FORBIDDEN'] },
      { status: 429, codes: ['RATE_LIMITED'] },
    ),
  );
}

/** The route is open to anyone (health, docs). */
export function Public() {
  return SetMetadata(ACCESS, { public: true } satisfies Access);
}

/** Open while the setting is on; otherwise it needs `scope` (metrics, behind METRICS_PUBLIC). */
export function PublicUnlessDisabled(setting: 'metricsPublic', scope: Scope) {
  return SetMetadata(ACCESS, { public: true, unless: { setting, scope } } satisfies Access);
}

/** The authenticated caller of a protected route. */
export const CurrentCaller = createParamDecorator((_: unknown, context: ExecutionContext): Caller => {
  const caller = callerOf(context.switchToHttp().getRequest<FastifyRequest>());
  if (!caller) throw new Error('CurrentCaller used on a route without RequireScope');
  return caller;
});

/** The owner the caller is bound to, or null for a platform key: what modules filter their queries by. */
export const CallerOwner = createParamDecorator(
  (_: unknown, context: ExecutionContext): string | null =>
    callerOf(context.switchToHttp().getRequest<FastifyRequest>())?.ownerId ?? null,
);
