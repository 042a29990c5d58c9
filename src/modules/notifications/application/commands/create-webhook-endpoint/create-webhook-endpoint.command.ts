import { Command } from '@nestjs/cqrs';
import type { WebhookEndpointEntity } from '../../../infrastructure/webhook-endpoint.entity';

/** Registers a receiver of signed webhooks, with a new secret (returned this once, and on rotation). */
export class CreateWebhookEndpointCommand extends Command<WebhookEndpointEntity> {
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
