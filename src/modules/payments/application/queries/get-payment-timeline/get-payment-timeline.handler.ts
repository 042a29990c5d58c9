import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { toPage, type Page } from '../../../../../platform/http';
import { PaymentNotFoundError } from '../../../domain/payments.errors';
import { PaymentRepository } from '../../../infrastructure/payment.repository';
import { TimelineRepository } from '../../../infrastructure/timeline.repository';
import type { TimelineEntry } from '../../../domain/timeline';
import { GetPaymentTimelineQuery } from './get-payment-timeline.query';

@QueryHandler(GetPaymentTimelineQuery)
export class GetPaymentTimelineHandler implements IQueryHandler<GetPaymentTimelineQuery> {
  constructor(
    private readonly payments: PaymentRepository,
    private readonly timeline: TimelineRepository,
  ) {}

  async execute({ paymentId, ownerId, limit, startingAfter }: GetPaymentTimelineQuery): Promise<Page<TimelineEntry>> {
    const payment = await this.payments.find(paymentId);
    if (!payment || !(await this.payments.isVisibleTo(payment, ownerId))) throw new PaymentNotFoundError(paymentId);
    return toPage(await this.timeline.list(paymentId, limit, startingAfter), limit);
  }
}
