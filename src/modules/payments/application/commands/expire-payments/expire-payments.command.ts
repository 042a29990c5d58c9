import { Command } from '@nestjs/cqrs';

/** Expires payments past their time to live; returns how many it expired. */
export class ExpirePaymentsCommand extends Command<number> {
  constructor(readonly batchSize = 100) {
    super();
  }
}
