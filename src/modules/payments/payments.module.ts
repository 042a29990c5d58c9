import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { MessagingModule } from '../../platform/messaging';
import { PaymentsController } from './api/payments.controller';
import { RefundsController } from './api/refunds.controller';
import { ApplyRiskDecisionHandler } from './application/commands/apply-risk-decision/apply-risk-decision.handler';
import { CancelPaymentHandler } from './application/commands/cancel-payment/cancel-payment.handler';
import { CapturePaymentHandler } from './application/commands/capture-payment/capture-payment.handler';
import { CreatePaymentHandler } from './application/commands/create-payment/create-payment.handler';
import { CreateRefundHandler } from './application/commands/create-refund/create-refund.handler';
import { ExpirePaymentsHandler } from './application/commands/expire-payments/expire-payments.handler';
import { SettleHoldHandler } from './application/commands/settle-hold/settle-hold.handler';
import { SettleTransferHandler } from './application/commands/settle-transfer/settle-transfer.handler';
import { ApplyRiskDecisionWhenRiskDecided } from './application/event-handlers/apply-risk-decision-when-risk-decided.handler';
import { SettleHoldWhenHoldAnswered } from './application/event-handlers/settle-hold-when-hold-answered.handler';
import { SettleTransferWhenTransferFinished } from './application/event-handlers/settle-transfer-when-transfer-finished.handler';
import { ExpirePaymentsJob } from './application/jobs/expire-payments.job';
import { PaymentLifecycle } from './application/payment-lifecycle';
import { GetPaymentTimelineHandler } from './application/queries/get-payment-timeline/get-payment-timeline.handler';
import { GetPaymentHandler } from './application/queries/get-payment/get-payment.handler';
import { ListPaymentsHandler } from './application/queries/list-payments/list-payments.handler';
import { ListRefundsHandler } from './application/queries/list-refunds/list-refunds.handler';
import { TrackAccountOwnerHandler } from './application/commands/track-account-owner/track-account-owner.handler';
import { TrackAccountOwnersWhenAccountOpened } from './application/event-handlers/track-account-owners-when-account-opened.handler';
import { AccountOwnersRepository } from './infrastructure/account-owners.repository';
import { PaymentRepository } from './infrastructure/payment.repository';
import { RefundRepository } from './infrastructure/refund.repository';
import { TimelineRepository } from './infrastructure/timeline.repository';
import { paymentsConfig } from './payments.config';
import type { BusinessModule } from '../../platform/modules';
import { paymentsPersistence } from './payments.persistence';
import { paymentEvents } from './contracts/payment-events';
import { refundEvents } from './contracts/refund-events';
import { transferRequestEvents } from './contracts/transfer-request-events';
import { paymentsSubscriptions } from './payments.subscriptions';

/** The payment lifecycle, from request to outcome, driven by events exchanged with risk and accounts. */
@Module({
  imports: [ConfigModule.forFeature(paymentsConfig), MessagingModule.forFeature('payments')],
  controllers: [PaymentsController, RefundsController],
  providers: [
    PaymentRepository,
    AccountOwnersRepository,
    RefundRepository,
    TimelineRepository,
    PaymentLifecycle,
    CreatePaymentHandler,
    CancelPaymentHandler,
    CapturePaymentHandler,
    ApplyRiskDecisionHandler,
    SettleTransferHandler,
    SettleHoldHandler,
    ExpirePaymentsHandler,
    CreateRefundHandler,
    GetPaymentHandler,
    ListPaymentsHandler,
    GetPaymentTimelineHandler,
    ListRefundsHandler,
    TrackAccountOwnerHandler,
    ApplyRiskDecisionWhenRiskDecided,
    SettleTransferWhenTransferFinished,
    TrackAccountOwnersWhenAccountOpened,
    SettleHoldWhenHoldAnswered,
    ExpirePaymentsJob,
  ],
})
export class PaymentsModule {}

/** What src/modules.ts registers: the Nest module, its tables, the events it owns and its subscriptions. */
export const paymentsModule: BusinessModule = {
  name: 'payments',
  module: PaymentsModule,
  persistence: paymentsPersistence,
  events: [paymentEvents, refundEvents, transferRequestEvents],
  subscriptions: paymentsSubscriptions,
};
