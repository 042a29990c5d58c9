import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { PaymentNotFoundError } from '../../../domain/payments.errors';
import type { Payment } from '../../../domain/payment';
import { PaymentRepository } from '../../../infrastructure/payment.repository';
import { GetPaymentQuery } from './get-payment.query';

@QueryHandler(GetPaymentQuery)
export class GetPaymentHandler implements IQueryHandler<GetPaymentQuery> {
  constructor(private readonly payments: PaymentRepository) {}

  async execute({ paymentId, ownerId }: GetPaymentQuery): Promise<Payment> {
    const payment = await this.payments.find(paymentId);
    if (!payment || !(await this.payments.isVisibleTo(payment, ownerId))) throw new PaymentNotFoundError(paymentId);
    return payment;
  }
}
