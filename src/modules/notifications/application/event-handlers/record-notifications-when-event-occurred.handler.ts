import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { type IntegrationEvent, OnIntegrationEvent } from '../../../../platform/messaging';
import { FEED_EVENT_TYPES, type FeedEventType } from '../../domain/notifiable-events';
import { RecordNotificationsCommand } from '../commands/record-notifications/record-notifications.command';

@Injectable()
export class RecordNotificationsWhenEventOccurred {
  constructor(private readonly commands: CommandBus) {}

  @OnIntegrationEvent(FEED_EVENT_TYPES, { consumer: 'notifications.record-notifications' })
  async handle(event: IntegrationEvent<FeedEventType>): Promise<void> {
    await this.commands.execute(new RecordNotificationsCommand(event));
  }
}
