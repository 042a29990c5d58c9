import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { IntegrationEvent } from '../../../../platform/messaging/integration-event';
import { OnIntegrationEvent } from '../../../../platform/messaging/on-integration-event.decorator';
import { SettleTransferCommand } from '../commands/settle-transfer/settle-transfer.command';

@Injectable()
export class SettleTransferWhenTransferFinished {
  constructor(private readonly commands: CommandBus) {}

  @OnIntegrationEvent(['transfer.succeeded', 'transfer.failed'], { consumer: 'payments.settle-transfer' })
  async handle(event: IntegrationEvent<'transfer.succeeded' | 'transfer.failed'>): Promise<void> {
    await this.commands.execute(new SettleTransferCommand(event));
  }
}
