import { Query } from '@nestjs/cqrs';
import type { Page } from '../../../../../platform/http';
import type { Payment, PaymentFilter } from '../../../domain/payment';

export class ListPaymentsQuery extends Query<Page<Payment>> {
  constructor(
    readonly filter: PaymentFilter,
    readonly limit: number,
    readonly startingAfter?: string,
  ) {
    super();
  }
}
