import { Injectable } from '@nestjs/common';
import { type IntegrationEvent, OnIntegrationEvent } from '../../../../platform/messaging';
import { AssessmentRepository } from '../../infrastructure/assessment.repository';

/** A payment canceled or expired while held for review leaves the review queue: there is nothing left to decide. */
@Injectable()
export class CloseReviewWhenPaymentEnded {
  constructor(private readonly assessments: AssessmentRepository) {}

  @OnIntegrationEvent(['payment.canceled', 'payment.expired'], { consumer: 'risk.close-reviews' })
  async handle(event: IntegrationEvent<'payment.canceled' | 'payment.expired'>): Promise<void> {
    await this.assessments.closePendingReview(event.data.paymentId, `Payment ${event.type.split('.')[1]}`);
  }
}
