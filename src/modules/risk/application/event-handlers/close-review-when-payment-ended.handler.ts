import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { OnIntegrationEvent, type IntegrationEvent } from '../../../../platform/messaging';
import { CloseReviewCommand } from '../commands/close-review/close-review.command';

@Injectable()
export class CloseReviewWhenPaymentEnded {
  constructor(private readonly commands: CommandBus) {}

  @OnIntegrationEvent(['payment.canceled', 'payment.expired'], { consumer: 'risk.close-reviews' })
  async handle(event: IntegrationEvent<'payment.canceled' | 'payment.expired'>): Promise<void> {
    await this.commands.execute(new CloseReviewCommand(event));
  }
}
