import { Query } from '@nestjs/cqrs';
import type { PaymentEntity } from '../../../infrastructure/payment.entity';

export class GetPaymentQuery extends Query<PaymentEntity> {
  constructor(
    readonly paymentId: string,
    /** The caller's owner: another owner's payment is not found. */
    readonly ownerId: string | null,
  ) {
    super();
  }
}
