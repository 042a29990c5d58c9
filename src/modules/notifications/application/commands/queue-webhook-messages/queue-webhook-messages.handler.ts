import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { UnitOfWork } from '../../../../../platform/database';
import { newId } from '../../../../../platform/ids';
import { accountsConcerned } from '../../../domain/notifiable-events';
import { webhookBody } from '../../../domain/webhook-message';
import { WebhookEndpointRepository } from '../../../infrastructure/webhook-endpoint.repository';
import { WebhookMessageRepository } from '../../../infrastructure/webhook-message.repository';
import { WEBHOOK_MESSAGES_DUE } from '../../webhook-delivery/webhook-delivery.signals';
import { QueueWebhookMessagesCommand } from './queue-webhook-messages.command';

@CommandHandler(QueueWebhookMessagesCommand)
export class QueueWebhookMessagesHandler implements ICommandHandler<QueueWebhookMessagesCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly endpoints: WebhookEndpointRepository,
    private readonly messages: WebhookMessageRepository,
    private readonly signals: EventEmitter2,
  ) {}

  execute({ event }: QueueWebhookMessagesCommand): Promise<void> {
    // Gathered: a batch of events finds its endpoints and queues its messages in two statements.
    return this.unitOfWork.run(() => {
      this.unitOfWork.collect(this, event, (_, events) => this.queue(events));
      return Promise.resolve();
    });
  }

  private async queue(events: readonly QueueWebhookMessagesCommand['event'][]): Promise<void> {
    const routes = await this.endpoints.subscribedTo(
      events.map((event) => ({ type: event.type, accountIds: accountsConcerned(event) })),
    );
    const queued = await this.messages.queue(
      routes.map(({ event: index, endpointId }) => {
        const [id, event] = [newId(), events[index]];
        return { id, endpointId, eventId: event.id, eventType: event.type, body: webhookBody(id, event) };
      }),
    );
    // Sending is the worker's job, after the commit: never from inside the consumer's transaction.
    if (queued > 0) this.unitOfWork.afterCommit(() => this.signals.emit(WEBHOOK_MESSAGES_DUE));
  }
}
