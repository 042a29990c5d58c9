import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '../../../../../platform/database';
import { normalizeId } from '../../../../../platform/ids';
import { PermanentError } from '../../../../../platform/messaging';
import { decideHold } from '../../../domain/hold';
import { moveMoney } from '../../../domain/journal';
import { contractBreach } from '../../../domain/transfer-decision';
import { AccountRepository, type LockedAccount } from '../../../infrastructure/account.repository';
import { HoldRepository } from '../../../infrastructure/hold.repository';
import { LedgerRepository } from '../../../infrastructure/ledger.repository';
import { TransferRepository, type TransferOutcome } from '../../../infrastructure/transfer.repository';
import { TransferAnswers } from '../../transfer-answers';
import { PlaceHoldCommand } from './place-hold.command';

@CommandHandler(PlaceHoldCommand)
export class PlaceHoldHandler implements ICommandHandler<PlaceHoldCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly accounts: AccountRepository,
    private readonly ledger: LedgerRepository,
    private readonly holds: HoldRepository,
    private readonly transfers: TransferRepository,
    private readonly answers: TransferAnswers,
  ) {}

  /**
   * Decides as for a transfer; on success, a `hold` journal moves the amount from the source to
   * its hold account, and the hold is recorded open. Its outcome (`held` or `failed`) is recorded
   * under the transfer id like a transfer's, so a repeat, or a cancellation racing it, gets it.
   */
  execute({ subject, request }: PlaceHoldCommand): Promise<void> {
    return this.unitOfWork.run(async () => {
      const breach = contractBreach('Hold', request);
      if (breach) throw new PermanentError(breach);
      const known = await this.transfers.find(request.transferId);
      if (known) return this.answers.answer(subject, request.transferId, known);

      const locked = await this.accounts.lock([request.sourceAccountId, request.destinationAccountId]);
      const customer = (id: string): LockedAccount | undefined => {
        const account = locked.get(normalizeId(id));
        return account?.kind === 'customer' ? account : undefined;
      };
      const source = customer(request.sourceAccountId);
      const held = source && (await this.accounts.lockHoldAccount(source));
      const expiresAt = request.expiresAt ? new Date(request.expiresAt) : null;
      const decision = decideHold(
        { ...request, expiresAt },
        source,
        customer(request.destinationAccountId),
        held,
        new Date(),
      );

      let outcome: TransferOutcome;
      if (decision.ok) {
        const { destination } = decision;
        // The decision found the source, so its hold account is locked.
        const journal = moveMoney('hold', request.currency, decision.source.id, held!.id, request.amount);
        const posted = await this.ledger.post(journal, {
          reference: request.reference,
          metadata: { holdId: request.transferId },
        });
        await this.holds.insert({
          transferId: request.transferId,
          kind: request.kind,
          reference: request.reference,
          accountId: decision.source.id,
          heldAccountId: held!.id,
          destinationAccountId: destination.id,
          amount: request.amount,
          currency: request.currency,
          holdJournalId: posted.id,
        });
        outcome = {
          status: 'held',
          journalId: posted.id,
          sourceAccountId: decision.source.id,
          destinationAccountId: destination.id,
          amount: request.amount,
          currency: request.currency,
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
