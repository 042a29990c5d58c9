import { Command } from '@nestjs/cqrs';
import type { IntegrationEvent } from '../../../../../platform/messaging';

/** Accounts answered about a payment's hold: placed, captured or released. */
export class SettleHoldCommand extends Command<void> {
  constructor(readonly event: IntegrationEvent<'transfer.held' | 'transfer.captured' | 'transfer.released'>) {
    super();
  }
}
