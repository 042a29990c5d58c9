import { Module } from '@nestjs/common';
import { MessagingModule } from '../../platform/messaging';
import { AssessmentsController } from './api/assessments.controller';
import { BlocklistController } from './api/blocklist.controller';
import { RulesController } from './api/rules.controller';
import { AssessPaymentHandler } from './application/commands/assess-payment/assess-payment.handler';
import { CloseReviewHandler } from './application/commands/close-review/close-review.handler';
import { TrackAccountHandler } from './application/commands/track-account/track-account.handler';
import { BlockAccountHandler } from './application/commands/block-account/block-account.handler';
import { DecideReviewHandler } from './application/commands/decide-review/decide-review.handler';
import { UnblockAccountHandler } from './application/commands/unblock-account/unblock-account.handler';
import { UpdateRulesHandler } from './application/commands/update-rules/update-rules.handler';
import { AssessPaymentWhenPaymentCreated } from './application/event-handlers/assess-payment-when-payment-created.handler';
import { CloseReviewWhenPaymentEnded } from './application/event-handlers/close-review-when-payment-ended.handler';
import { TrackAccountWhenAccountChanged } from './application/event-handlers/track-account-when-account-changed.handler';
import { GetAssessmentHandler } from './application/queries/get-assessment/get-assessment.handler';
import { GetRulesHandler } from './application/queries/get-rules/get-rules.handler';
import { ListAssessmentsHandler } from './application/queries/list-assessments/list-assessments.handler';
import { ListBlocklistHandler } from './application/queries/list-blocklist/list-blocklist.handler';
import { AssessmentRepository } from './infrastructure/assessment.repository';
import { BlocklistRepository } from './infrastructure/blocklist.repository';
import { RiskReadModelsRepository } from './infrastructure/risk-read-models.repository';
import { RulesRepository } from './infrastructure/rules.repository';
import { ListRuleChangesHandler } from './application/queries/list-rule-changes/list-rule-changes.handler';
import type { BusinessModule } from '../../platform/modules';
import { riskPersistence } from './risk.persistence';
import { riskEvents } from './contracts/risk-events';
import { riskSubscriptions } from './risk.subscriptions';

/** Fraud and limit rules: assesses every payment, holds some for review, and decides by event. */
@Module({
  imports: [MessagingModule.forFeature('risk')],
  controllers: [RulesController, BlocklistController, AssessmentsController],
  providers: [
    RulesRepository,
    BlocklistRepository,
    RiskReadModelsRepository,
    AssessmentRepository,
    AssessPaymentHandler,
    DecideReviewHandler,
    UpdateRulesHandler,
    ListRuleChangesHandler,
    BlockAccountHandler,
    UnblockAccountHandler,
    CloseReviewHandler,
    TrackAccountHandler,
    GetRulesHandler,
    ListAssessmentsHandler,
    GetAssessmentHandler,
    ListBlocklistHandler,
    AssessPaymentWhenPaymentCreated,
    TrackAccountWhenAccountChanged,
    CloseReviewWhenPaymentEnded,
  ],
})
export class RiskModule {}

/** What src/modules.ts registers: the Nest module, its tables, the events it owns and its subscriptions. */
export const riskModule: BusinessModule = {
  name: 'risk',
  module: RiskModule,
  persistence: riskPersistence,
  events: [riskEvents],
  subscriptions: riskSubscriptions,
};
