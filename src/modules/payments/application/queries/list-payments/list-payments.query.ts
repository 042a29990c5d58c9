import { Query } from '@nestjs/cqrs';
import type { Page } from '../../../../../platform/http';
import type { PaymentEntity } from '../../../infrastructure/payment.entity';
import type { PaymentFilter } from '../../../infrastructure/payment.repository';

export class ListPaymentsQuery extends Query<Page<PaymentEntity>> {
  constructor(
    readonly filter: PaymentFilter,
    readonly limit: number,
    readonly startingAfter?: string,
  ) {
    super();
  }
}
