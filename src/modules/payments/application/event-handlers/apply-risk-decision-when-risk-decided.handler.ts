import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { type IntegrationEvent, OnIntegrationEvent } from '../../../../platform/messaging';
import { ApplyRiskDecisionCommand } from '../commands/apply-risk-decision/apply-risk-decision.command';

@Injectable()
export class ApplyRiskDecisionWhenRiskDecided {
  constructor(private readonly commands: CommandBus) {}

  @OnIntegrationEvent(['risk.assessed', 'risk.reviewed'], { consumer: 'payments.apply-risk-decision' })
  async handle(event: IntegrationEvent<'risk.assessed' | 'risk.reviewed'>): Promise<void> {
    await this.commands.execute(new ApplyRiskDecisionCommand(event));
  }
}
