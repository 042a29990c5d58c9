import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { type IntegrationEvent, OnIntegrationEvent } from '../../../../platform/messaging';
import { PlaceHoldCommand } from '../commands/place-hold/place-hold.command';

@Injectable()
export class PlaceHoldWhenHoldRequested {
  constructor(private readonly commands: CommandBus) {}

  // Locks two accounts (and the source's hold account), not its subject: one event per transaction.
  @OnIntegrationEvent('transfer.hold_requested', { consumer: 'accounts.place-hold', batched: false })
  async handle(event: IntegrationEvent<'transfer.hold_requested'>): Promise<void> {
    await this.commands.execute(new PlaceHoldCommand(event));
  }
}
