import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { type IntegrationEvent, OnIntegrationEvent } from '../../../../platform/messaging';
import { CaptureHoldCommand } from '../commands/capture-hold/capture-hold.command';
import { ReleaseHoldCommand } from '../commands/release-hold/release-hold.command';

type SettlementRequest = 'transfer.capture_requested' | 'transfer.release_requested';

@Injectable()
export class SettleHoldWhenSettlementRequested {
  constructor(private readonly commands: CommandBus) {}

  // Locks the hold's two accounts, not its subject: one event per transaction.
  @OnIntegrationEvent(['transfer.capture_requested', 'transfer.release_requested'], {
    consumer: 'accounts.settle-hold',
    batched: false,
  })
  async handle(event: IntegrationEvent<SettlementRequest>): Promise<void> {
    if (event.type === 'transfer.capture_requested') {
      await this.commands.execute(new CaptureHoldCommand(event));
    } else {
      await this.commands.execute(new ReleaseHoldCommand(event));
    }
  }
}
