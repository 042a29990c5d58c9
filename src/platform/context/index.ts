/** The request/causation context that flows from an HTTP request or an event into what it publishes. */
export { RequestContext, type Cause } from './request-context';
