import { Command } from '@nestjs/cqrs';

/** Deletes an endpoint with its messages and their attempts. */
export class DeleteWebhookEndpointCommand extends Command<void> {
  constructor(readonly endpointId: string) {
    super();
  }
}
