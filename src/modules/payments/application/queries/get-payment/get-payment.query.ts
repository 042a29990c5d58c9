import { Query } from '@nestjs/cqrs';
import type { Payment } from '../../../domain/payment';

export class GetPaymentQuery extends Query<Payment> {
  constructor(
    readonly paymentId: string,
    /** The caller's owner: another owner's payment is not found. */
    readonly ownerId: string | null,
  ) {
    super();
  }
}
