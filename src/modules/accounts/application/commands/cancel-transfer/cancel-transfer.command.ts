import { Command } from '@nestjs/cqrs';
import type { TransferCancellationRequestedV1 } from '../../../contracts/transfer-events';

/** Another module gives up on a transfer it asked for: if it has not run, it never will. */
export class CancelTransferCommand extends Command<void> {
  constructor(
    readonly subject: string,
    readonly request: TransferCancellationRequestedV1,
  ) {
    super();
  }
}
