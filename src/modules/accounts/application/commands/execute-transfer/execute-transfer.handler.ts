import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '../../../../../platform/database/unit-of-work';
import { normalizeId } from '../../../../../platform/ids';
import { PermanentError } from '../../../../../platform/messaging/permanent-error';
import { moveMoney } from '../../../domain/journal';
import { decideTransfer } from '../../../domain/transfer-decision';
import { AccountRepository, type LockedAccount } from '../../../infrastructure/account.repository';
import { LedgerRepository } from '../../../infrastructure/ledger.repository';
import { TransferRepository, type TransferOutcome } from '../../../infrastructure/transfer.repository';
import { TransferAnswers } from '../../transfer-answers';
import { ExecuteTransferCommand } from './execute-transfer.command';

@CommandHandler(ExecuteTransferCommand)
export class ExecuteTransferHandler implements ICommandHandler<ExecuteTransferCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly accounts: AccountRepository,
    private readonly ledger: LedgerRepository,
    private readonly transfers: TransferRepository,
    private readonly answers: TransferAnswers,
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
      // Asked again, or canceled first: the recorded answer, and money moved at most once.
      const known = await this.transfers.find(request.transferId);
      if (known) return this.answers.answer(subject, request.transferId, known);

      const locked = await this.accounts.lock([request.sourceAccountId, request.destinationAccountId]);
      const customer = (id: string): LockedAccount | undefined => {
        const account = locked.get(normalizeId(id));
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
        const { source, destination } = decision;
        const journal = moveMoney(request.kind, request.currency, source.id, destination.id, request.amount);
        const posted = await this.ledger.post(journal, { reference: request.reference });
        outcome = {
          status: 'succeeded',
          journalId: posted.id,
          sourceAccountId: source.id,
          destinationAccountId: destination.id,
          amount: request.amount,
          currency: request.currency,
          sourceBalanceAfter: posted.balances.get(source.id)!,
          destinationBalanceAfter: posted.balances.get(destination.id)!,
        };
      } else {
        outcome = { status: 'failed', reason: decision.reason, message: decision.message };
      }
      const record = { kind: request.kind, outcome };
      await this.transfers.record(request.transferId, record);
      await this.answers.answer(subject, request.transferId, record);
    });
  }
}
