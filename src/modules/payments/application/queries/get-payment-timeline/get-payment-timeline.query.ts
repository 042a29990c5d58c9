import { Query } from '@nestjs/cqrs';
import type { Page } from '../../../../../platform/http';
import type { TimelineEntry } from '../../../domain/timeline';

/** A payment's events, oldest first. */
export class GetPaymentTimelineQuery extends Query<Page<TimelineEntry>> {
  constructor(
    readonly paymentId: string,
    /** The caller's owner: another owner's payment is not found. */
    readonly ownerId: string | null,
    readonly limit: number,
    readonly startingAfter?: string,
  ) {
    super();
  }
}
