import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { type IntegrationEvent, OnIntegrationEvent } from '../../../../platform/messaging';
import { CancelTransferCommand } from '../commands/cancel-transfer/cancel-transfer.command';

@Injectable()
export class CancelTransferWhenCancellationRequested {
  constructor(private readonly commands: CommandBus) {}

  @OnIntegrationEvent('transfer.cancellation_requested', { consumer: 'accounts.cancel-transfer' })
  async handle(event: IntegrationEvent<'transfer.cancellation_requested'>): Promise<void> {
    await this.commands.execute(new CancelTransferCommand(event));
  }
}
