import { Injectable } from '@nestjs/common';
import { EventPublisher } from '../../../platform/messaging';
import type { TransferRecord } from '../infrastructure/transfer.repository';

/**
 * Answers the module that asked for a transfer, with its outcome, under the subject it asked with
 * (so the answer reaches it in order). Used for first answers and for repeated ones alike.
 */
@Injectable()
export class TransferAnswers {
  constructor(private readonly events: EventPublisher) {}

  async answer(subject: string, transferId: string, { kind, outcome }: TransferRecord): Promise<void> {
    switch (outcome.status) {
      case 'succeeded': {
        const { status: _, ...facts } = outcome;
        await this.events.publish('transfer.succeeded', { version: 1, subject, data: { transferId, kind, ...facts } });
        return;
      }
      case 'held': {
        const { status: _, ...facts } = outcome;
        await this.events.publish('transfer.held', { version: 1, subject, data: { transferId, kind, ...facts } });
        return;
      }
      case 'failed':
        await this.events.publish('transfer.failed', {
          version: 1,
          subject,
          data: { transferId, kind, reason: outcome.reason, message: outcome.message },
        });
    }
  }
}
