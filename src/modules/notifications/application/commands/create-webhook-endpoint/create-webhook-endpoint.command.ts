import { Command } from '@nestjs/cqrs';
import type { WebhookEndpoint } from '../../../domain/webhook-endpoint';

/** Registers a receiver of signed webhooks, with a new secret (returned this once, and on rotation). */
export class CreateWebhookEndpointCommand extends Command<WebhookEndpoint> {
  constructor(
    readonly url: string,
    /** Event types, or `['*']` for all. */
    readonly eventTypes: readonly string[],
    readonly description: string | null,
    /** Only events about this account, when set. */
    readonly accountId: string | null,
    /** The caller's owner (an owner-bound key): the account must be one of its own. */
    readonly ownerId: string | null,
  ) {
    super();
  }
}
