import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { toPage, type Page } from '../../../../../platform/http';
import { PaymentNotFoundError } from '../../../domain/payments.errors';
import type { Refund } from '../../../domain/refund';
import { PaymentRepository } from '../../../infrastructure/payment.repository';
import { RefundRepository } from '../../../infrastructure/refund.repository';
import { ListRefundsQuery } from './list-refunds.query';

@QueryHandler(ListRefundsQuery)
export class ListRefundsHandler implements IQueryHandler<ListRefundsQuery> {
  constructor(
    private readonly payments: PaymentRepository,
    private readonly refunds: RefundRepository,
  ) {}

  async execute({ paymentId, ownerId, limit, startingAfter }: ListRefundsQuery): Promise<Page<Refund>> {
    const payment = await this.payments.find(paymentId);
    if (!payment || !(await this.payments.isVisibleTo(payment, ownerId))) throw new PaymentNotFoundError(paymentId);
    return toPage(await this.refunds.list(paymentId, limit, startingAfter), limit);
  }
}
