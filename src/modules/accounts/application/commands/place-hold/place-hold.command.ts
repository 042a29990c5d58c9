import { Command } from '@nestjs/cqrs';
import type { IntegrationEvent } from '../../../../../platform/messaging';
import type { TransferHoldRequestedV1 } from '../../../../payments/contracts/transfer-request-events';

/** Reserves money on an account as another module asked, by event: available to held. */
export class PlaceHoldCommand extends Command<void> {
  /** The request's subject: the answer is published under it, so the asker sees it in order. */
  readonly subject: string;
  readonly request: TransferHoldRequestedV1;

  constructor(readonly event: IntegrationEvent<'transfer.hold_requested'>) {
    super();
    this.subject = event.subject;
    this.request = event.data;
  }
}
