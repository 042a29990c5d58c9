import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { type IntegrationEvent, OnIntegrationEvent } from '../../../../platform/messaging';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../../domain/notifiable-events';
import { QueueWebhookMessagesCommand } from '../commands/queue-webhook-messages/queue-webhook-messages.command';

/** Only records the messages, in the consumer's transaction: the delivery worker sends them after the commit. */
@Injectable()
export class QueueWebhooksWhenEventOccurred {
  constructor(private readonly commands: CommandBus) {}

  @OnIntegrationEvent(WEBHOOK_EVENT_TYPES, { consumer: 'notifications.queue-webhooks' })
  async handle(event: IntegrationEvent<WebhookEventType>): Promise<void> {
    await this.commands.execute(new QueueWebhookMessagesCommand(event));
  }
}
