import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { type IntegrationEvent, OnIntegrationEvent } from '../../../../platform/messaging';
import { TrackAccountOwnerCommand } from '../commands/track-account-owner/track-account-owner.command';

@Injectable()
export class TrackAccountOwnersWhenAccountOpened {
  constructor(private readonly commands: CommandBus) {}

  @OnIntegrationEvent('account.opened', { consumer: 'notifications.track-account-owners' })
  async handle(event: IntegrationEvent<'account.opened'>): Promise<void> {
    await this.commands.execute(new TrackAccountOwnerCommand(event));
  }
}
