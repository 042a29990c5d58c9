/** What modules may use of authentication: the route decorators, the caller, and the refusal. */
export { CallerOwner, CurrentCaller, Public, RequireScope } from './auth.decorators';
export { ForbiddenError } from './auth.errors';
export type { Caller } from './caller';
export type { Scope } from './scopes';
