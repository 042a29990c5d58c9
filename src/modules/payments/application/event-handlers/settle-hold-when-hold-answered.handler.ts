import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { type IntegrationEvent, OnIntegrationEvent } from '../../../../platform/messaging';
import { SettleHoldCommand } from '../commands/settle-hold/settle-hold.command';

type HoldAnswer = 'transfer.held' | 'transfer.captured' | 'transfer.released';

@Injectable()
export class SettleHoldWhenHoldAnswered {
  constructor(private readonly commands: CommandBus) {}

  // Locks only the payment the answer is about (its subject): batches stay safe.
  @OnIntegrationEvent(['transfer.held', 'transfer.captured', 'transfer.released'], { consumer: 'payments.settle-hold' })
  async handle(event: IntegrationEvent<HoldAnswer>): Promise<void> {
    await this.commands.execute(new SettleHoldCommand(event));
  }
}
