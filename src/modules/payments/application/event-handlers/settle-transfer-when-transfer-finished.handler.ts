import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { type IntegrationEvent, OnIntegrationEvent } from '../../../../platform/messaging';
import { SettleTransferCommand } from '../commands/settle-transfer/settle-transfer.command';

@Injectable()
export class SettleTransferWhenTransferFinished {
  constructor(private readonly commands: CommandBus) {}

  @OnIntegrationEvent(['transfer.succeeded', 'transfer.failed'], { consumer: 'payments.settle-transfer' })
  async handle(event: IntegrationEvent<'transfer.succeeded' | 'transfer.failed'>): Promise<void> {
    await this.commands.execute(new SettleTransferCommand(event));
  }
}
