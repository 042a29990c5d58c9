import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { type IntegrationEvent, OnIntegrationEvent } from '../../../../platform/messaging';
import { ExecuteTransferCommand } from '../commands/execute-transfer/execute-transfer.command';

@Injectable()
export class ExecuteTransferWhenTransferRequested {
  constructor(private readonly commands: CommandBus) {}

  // Batched: a batch locks every balance it touches in one id-ordered statement (ExecuteTransferHandler).
  @OnIntegrationEvent('transfer.requested', { consumer: 'accounts.execute-transfer' })
  async handle(event: IntegrationEvent<'transfer.requested'>): Promise<void> {
    await this.commands.execute(new ExecuteTransferCommand(event));
  }
}
