import { Command } from '@nestjs/cqrs';
import type { IntegrationEvent } from '../../../../../platform/messaging';
import type { TransferReleaseRequestedV1 } from '../../../../payments/contracts/transfer-request-events';

/** Voids a hold as another module asked: all of it goes back to the source's available balance. */
export class ReleaseHoldCommand extends Command<void> {
  readonly subject: string;
  readonly request: TransferReleaseRequestedV1;

  constructor(readonly event: IntegrationEvent<'transfer.release_requested'>) {
    super();
    this.subject = event.subject;
    this.request = event.data;
  }
}
