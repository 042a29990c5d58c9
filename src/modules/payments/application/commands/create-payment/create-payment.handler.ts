import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '../../../../../platform/database';
import { newId } from '../../../../../platform/ids';
import { SameAccountError, SourceAccountNotFoundError } from '../../../domain/payments.errors';
import { AccountOwnersRepository } from '../../../infrastructure/account-owners.repository';
import type { Payment } from '../../../domain/payment';
import { PaymentRepository } from '../../../infrastructure/payment.repository';
import { paymentsConfig, type PaymentsConfig } from '../../../payments.config';
import { factsOf, PaymentLifecycle } from '../../payment-lifecycle';
import { CreatePaymentCommand } from './create-payment.command';

/**
 * Accepts a payment (202): it is stored as pending and announced with payment.created, which sets
 * the flow going. Whether the accounts exist is for accounts to say, later, by event.
 * An owner-bound key pays only from its owner's accounts.
 */
@CommandHandler(CreatePaymentCommand)
export class CreatePaymentHandler implements ICommandHandler<CreatePaymentCommand> {
  constructor(
    @Inject(paymentsConfig.KEY) private readonly config: PaymentsConfig,
    private readonly unitOfWork: UnitOfWork,
    private readonly payments: PaymentRepository,
    private readonly lifecycle: PaymentLifecycle,
    private readonly owners: AccountOwnersRepository,
  ) {}

  execute(command: CreatePaymentCommand): Promise<Payment> {
    if (command.sourceAccountId === command.destinationAccountId) throw new SameAccountError();
    return this.unitOfWork.run(async () => {
      // Another owner's account is refused now. One payments has not heard of yet (just opened)
      // is accepted: accounts checks the owner recorded on the payment when it moves the money.
      if (command.ownerId !== null) {
        const owner = await this.owners.ownerOf(command.sourceAccountId);
        if (owner !== undefined && owner !== command.ownerId)
          throw new SourceAccountNotFoundError(command.sourceAccountId);
      }
      const payment = await this.payments.insert({
        id: newId(),
        status: 'pending',
        amount: command.amount,
        currency: command.currency,
        sourceAccountId: command.sourceAccountId,
        destinationAccountId: command.destinationAccountId,
        description: command.description,
        ownerId: command.ownerId,
        metadata: command.metadata,
        captureMethod: command.captureMethod,
        amountCapturable: 0,
        amountCaptured: 0,
        amountRefunded: 0,
        failureCode: null,
        failureMessage: null,
        riskAssessmentId: null,
        riskDecision: null,
        riskScore: null,
        riskReasons: null,
        reviewDecision: null,
        reviewNote: null,
        expiresAt: new Date(Date.now() + this.config.ttlSeconds * 1000),
        authorizedAt: null,
        captureBefore: null,
        transferCancelRequestedAt: null,
        completedAt: null,
      });
      await this.lifecycle.publish(payment.id, 'payment.created', {
        version: 1,
        subject: payment.id,
        data: { ...factsOf(payment), description: payment.description, createdAt: payment.createdAt.toISOString() },
      });
      return payment;
    });
  }
}
