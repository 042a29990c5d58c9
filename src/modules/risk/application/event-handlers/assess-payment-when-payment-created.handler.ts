import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { type IntegrationEvent, OnIntegrationEvent } from '../../../../platform/messaging';
import { AssessPaymentCommand } from '../commands/assess-payment/assess-payment.command';

@Injectable()
export class AssessPaymentWhenPaymentCreated {
  constructor(private readonly commands: CommandBus) {}

  // Set-based: the batch is assessed together just before it commits (AssessPaymentHandler).
  @OnIntegrationEvent('payment.created', { consumer: 'risk.assess-payment' })
  async handle(event: IntegrationEvent<'payment.created'>): Promise<void> {
    await this.commands.execute(new AssessPaymentCommand(event));
  }
}
