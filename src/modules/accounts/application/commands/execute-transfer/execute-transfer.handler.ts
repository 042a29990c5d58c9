import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '../../../../../platform/database/unit-of-work';
import { EventPublisher } from '../../../../../platform/messaging/event-publisher';
import { PermanentError } from '../../../../../platform/messaging/permanent-error';
import { moveMoney } from '../../../domain/journal';
import { decideTransfer } from '../../../domain/transfer-decision';
import { AccountRepository, type LockedAccount } from '../../../infrastructure/account.repository';
import { LedgerRepository } from '../../../infrastructure/ledger.repository';
import { TransferRepository, type TransferOutcome } from '../../../infrastructure/transfer.repository';
import { ExecuteTransferCommand } from './execute-transfer.command';

@CommandHandler(ExecuteTransferCommand)
export class ExecuteTransferHandler implements ICommandHandler<ExecuteTransferCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly accounts: AccountRepository,
    private readonly ledger: LedgerRepository,
    private readonly transfers: TransferRepository,
    private readonly events: EventPublisher,
  ) {}

  execute({ subject, request }: ExecuteTransferCommand): Promise<void> {
    return this.unitOfWork.run(async () => {
      // Requests that break the contract can never succeed: straight to the dead letters.
      if (request.sourceAccountId === request.destinationAccountId) {
        throw new PermanentError(`Transfer ${request.transferId} has the same source and destination`);
      }
      if (!Number.isSafeInteger(request.amount) || request.amount <= 0) {
        throw new PermanentError(`Transfer ${request.transferId} has an invalid amount ${request.amount}`);
      }

      // Asked again (a new request with the same id): the same answer, and money moved at most once.
      const known = await this.transfers.find(request.transferId);
      if (known) return this.answer(subject, request.transferId, request, known);

      const locked = await this.accounts.lock([request.sourceAccountId, request.destinationAccountId]);
      const customer = (id: string): LockedAccount | undefined => {
        const account = locked.get(id);
        return account?.kind === 'customer' ? account : undefined;
      };
      const expiresAt = request.expiresAt ? new Date(request.expiresAt) : null;
      const decision = decideTransfer(
        { ...request, expiresAt },
        customer(request.sourceAccountId),
        customer(request.destinationAccountId),
        new Date(),
      );

      let outcome: TransferOutcome;
      if (decision.ok) {
        const journal = moveMoney(
          request.kind,
          request.currency,
          request.sourceAccountId,
          request.destinationAccountId,
          request.amount,
        );
        const posted = await this.ledger.post(journal, { reference: request.reference });
        outcome = {
          status: 'succeeded',
          journalId: posted.id,
          sourceBalanceAfter: posted.balances.get(request.sourceAccountId)!,
          destinationBalanceAfter: posted.balances.get(request.destinationAccountId)!,
        };
      } else {
        outcome = { status: 'failed', reason: decision.reason, message: decision.message };
      }
      await this.transfers.record(request.transferId, request.kind, outcome);
      await this.answer(subject, request.transferId, request, outcome);
    });
  }

  private async answer(
    subject: string,
    transferId: string,
    request: ExecuteTransferCommand['request'],
    outcome: TransferOutcome,
  ): Promise<void> {
    if (outcome.status === 'succeeded') {
      await this.events.publish('transfer.succeeded', {
        version: 1,
        subject,
        data: {
          transferId,
          kind: request.kind,
          journalId: outcome.journalId,
          sourceAccountId: request.sourceAccountId,
          destinationAccountId: request.destinationAccountId,
          amount: request.amount,
          currency: request.currency,
          sourceBalanceAfter: outcome.sourceBalanceAfter,
          destinationBalanceAfter: outcome.destinationBalanceAfter,
        },
      });
    } else {
      await this.events.publish('transfer.failed', {
        version: 1,
        subject,
        data: { transferId, kind: request.kind, reason: outcome.reason, message: outcome.message },
      });
    }
  }
}
