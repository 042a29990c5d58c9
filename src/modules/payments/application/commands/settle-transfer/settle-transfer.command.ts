import { Command } from '@nestjs/cqrs';
import type { IntegrationEvent } from '../../../../../platform/messaging';

/** Accounts answered a transfer this module asked for: a payment's or a refund's. */
export class SettleTransferCommand extends Command<void> {
  constructor(readonly event: IntegrationEvent<'transfer.succeeded' | 'transfer.failed'>) {
    super();
  }
}
