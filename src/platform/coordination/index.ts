/** Cross-module "first one wins" decisions, claimed in the caller's transaction. */
export { FirstDecision } from './first-decision';
