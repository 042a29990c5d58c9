import { Command } from '@nestjs/cqrs';
import type { IntegrationEvent } from '../../../../../platform/messaging';
import type { TransferCaptureRequestedV1 } from '../../../../payments/contracts/transfer-request-events';

/** Moves part or all of a hold to its destination, and the rest back to the source, as another module asked. */
export class CaptureHoldCommand extends Command<void> {
  readonly subject: string;
  readonly request: TransferCaptureRequestedV1;

  constructor(readonly event: IntegrationEvent<'transfer.capture_requested'>) {
    super();
    this.subject = event.subject;
    this.request = event.data;
  }
}
