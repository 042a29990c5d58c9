import { Query } from '@nestjs/cqrs';
import type { Page } from '../../../../../platform/http';
import type { RefundEntity } from '../../../infrastructure/refund.entity';

export class ListRefundsQuery extends Query<Page<RefundEntity>> {
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
