import { Command } from '@nestjs/cqrs';
import type { TransferReleaseRequestedV1 } from '../../../contracts/hold-events';

/** Voids a hold as another module asked: all of it goes back to the source's available balance. */
export class ReleaseHoldCommand extends Command<void> {
  constructor(
    readonly subject: string,
    readonly request: TransferReleaseRequestedV1,
  ) {
    super();
  }
}
