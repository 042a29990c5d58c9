import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { toPage, type Page } from '../../../../../platform/http';
import type { Payment } from '../../../domain/payment';
import { PaymentRepository } from '../../../infrastructure/payment.repository';
import { ListPaymentsQuery } from './list-payments.query';

@QueryHandler(ListPaymentsQuery)
export class ListPaymentsHandler implements IQueryHandler<ListPaymentsQuery> {
  constructor(private readonly payments: PaymentRepository) {}

  async execute({ filter, limit, startingAfter }: ListPaymentsQuery): Promise<Page<Payment>> {
    return toPage(await this.payments.list(filter, limit, startingAfter), limit);
  }
}
