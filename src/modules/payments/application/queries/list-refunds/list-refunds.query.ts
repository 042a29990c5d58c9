import { Query } from '@nestjs/cqrs';
import type { Page } from '../../../../../platform/http';
import type { Refund } from '../../../domain/refund';

export class ListRefundsQuery extends Query<Page<Refund>> {
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
