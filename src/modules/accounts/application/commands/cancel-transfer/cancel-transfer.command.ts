import { Command } from '@nestjs/cqrs';
import type { IntegrationEvent } from '../../../../../platform/messaging';
import type { TransferCancellationRequestedV1 } from '../../../../payments/contracts/transfer-request-events';

/** Another module gives up on a transfer it asked for: if it has not run, it never will. */
export class CancelTransferCommand extends Command<void> {
  readonly subject: string;
  readonly request: TransferCancellationRequestedV1;

  constructor(readonly event: IntegrationEvent<'transfer.cancellation_requested'>) {
    super();
    this.subject = event.subject;
    this.request = event.data;
  }
}
