import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { UnitOfWork } from '../../../../../platform/database';
import {
  WebhookEndpointDisabledError,
  WebhookMessageInFlightError,
  WebhookMessageNotFoundError,
} from '../../../domain/notifications.errors';
import { WebhookMessageRepository } from '../../../infrastructure/webhook-message.repository';
import type { WebhookMessageView } from '../../../domain/webhook-message';
import { WEBHOOK_MESSAGES_DUE } from '../../webhook-delivery/webhook-delivery.signals';
import { RetryWebhookMessageCommand } from './retry-webhook-message.command';

@CommandHandler(RetryWebhookMessageCommand)
export class RetryWebhookMessageHandler implements ICommandHandler<RetryWebhookMessageCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly messages: WebhookMessageRepository,
    private readonly signals: EventEmitter2,
  ) {}

  async execute({ messageId }: RetryWebhookMessageCommand): Promise<WebhookMessageView> {
    return this.unitOfWork.run(async () => {
      const state = await this.messages.lockForRetry(messageId);
      if (!state) throw new WebhookMessageNotFoundError(messageId);
      // Sent to a disabled endpoint, it would only wait until the endpoint is enabled again.
      if (!state.endpointEnabled) throw new WebhookEndpointDisabledError(state.endpointId);
      // A second send while the first is out would race it: the receiver would get it twice at once.
      if (state.inFlight) throw new WebhookMessageInFlightError(messageId);
      await this.messages.requeue(messageId);
      this.unitOfWork.afterCommit(() => this.signals.emit(WEBHOOK_MESSAGES_DUE));
      return (await this.messages.find(messageId))!;
    });
  }
}
