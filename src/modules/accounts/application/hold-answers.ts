import { Injectable } from '@nestjs/common';
import { EventPublisher } from '../../../platform/messaging';
import type { Hold } from '../infrastructure/hold.repository';

/**
 * Answers the module that asked to settle a hold, with how it was settled, under the subject it
 * asked with. Used for first answers and for repeated ones alike: asked again, the same answer.
 */
@Injectable()
export class HoldAnswers {
  constructor(private readonly events: EventPublisher) {}

  async answer(subject: string, hold: Hold): Promise<void> {
    const { transferId, kind, currency } = hold;
    if (hold.status === 'captured') {
      await this.events.publish('transfer.captured', {
        version: 1,
        subject,
        data: {
          transferId,
          kind,
          sourceAccountId: hold.accountId,
          destinationAccountId: hold.destinationAccountId,
          currency,
          amount: hold.amountCaptured,
          amountReleased: hold.amountReleased,
          journalId: hold.captureJournalId!,
          releaseJournalId: hold.releaseJournalId,
        },
      });
    } else if (hold.status === 'released') {
      await this.events.publish('transfer.released', {
        version: 1,
        subject,
        data: {
          transferId,
          kind,
          sourceAccountId: hold.accountId,
          amount: hold.amountReleased,
          currency,
          journalId: hold.releaseJournalId!,
          reason: hold.releaseReason!,
          message: hold.releaseMessage ?? '',
        },
      });
    } else {
      throw new Error(`Hold ${transferId} is still open: there is no settlement to answer with`);
    }
  }
}
