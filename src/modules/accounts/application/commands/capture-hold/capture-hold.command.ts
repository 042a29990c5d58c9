import { Command } from '@nestjs/cqrs';
import type { TransferCaptureRequestedV1 } from '../../../contracts/hold-events';

/** Moves part or all of a hold to its destination, and the rest back to the source, as another module asked. */
export class CaptureHoldCommand extends Command<void> {
  constructor(
    readonly subject: string,
    readonly request: TransferCaptureRequestedV1,
  ) {
    super();
  }
}
