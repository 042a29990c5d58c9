import { Command } from '@nestjs/cqrs';
import type { WebhookEndpoint } from '../../../domain/webhook-endpoint';

export interface WebhookEndpointPatch {
  readonly url?: string;
  readonly eventTypes?: readonly string[];
  /** Disabling pauses delivery (messages already queued wait); enabling resumes it. */
  readonly enabled?: boolean;
  /** null clears it. */
  readonly description?: string | null;
}

export class UpdateWebhookEndpointCommand extends Command<WebhookEndpoint> {
  constructor(
    readonly endpointId: string,
    readonly patch: WebhookEndpointPatch,
  ) {
    super();
  }
}
