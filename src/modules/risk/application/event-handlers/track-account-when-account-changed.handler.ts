import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { OnIntegrationEvent, type IntegrationEvent } from '../../../../platform/messaging';
import { TrackAccountCommand, type AccountEvent } from '../commands/track-account/track-account.command';

@Injectable()
export class TrackAccountWhenAccountChanged {
  constructor(private readonly commands: CommandBus) {}

  @OnIntegrationEvent(['account.opened', 'account.frozen', 'account.unfrozen', 'account.closed'], {
    consumer: 'risk.track-accounts',
  })
  async handle(event: IntegrationEvent<AccountEvent>): Promise<void> {
    await this.commands.execute(new TrackAccountCommand(event));
  }
}
