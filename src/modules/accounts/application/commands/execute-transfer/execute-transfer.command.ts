import { Command } from '@nestjs/cqrs';
import type { IntegrationEvent } from '../../../../../platform/messaging';
import type { TransferRequestedV1 } from '../../../../payments/contracts/transfer-request-events';

/** Moves money between two customer accounts as another module asked, by event. */
export class ExecuteTransferCommand extends Command<void> {
  /** The request's subject: the answer is published under it, so the asker sees it in order. */
  readonly subject: string;
  readonly request: TransferRequestedV1;

  constructor(readonly event: IntegrationEvent<'transfer.requested'>) {
    super();
    this.subject = event.subject;
    this.request = event.data;
  }
}
