import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { RequestContext, type Cause } from '../../../../../platform/context';
import { UnitOfWork } from '../../../../../platform/database';
import { normalizeId } from '../../../../../platform/ids';
import { PermanentError } from '../../../../../platform/messaging';
import type { TransferRequestedV1 } from '../../../../payments/contracts/transfer-request-events';
import { moveMoney } from '../../../domain/journal';
import { contractBreach, decideTransfer, type TransferDecision } from '../../../domain/transfer-decision';
import { AccountRepository, type LockedAccount } from '../../../infrastructure/account.repository';
import { LedgerRepository } from '../../../infrastructure/ledger.repository';
import { TransferRepository, type TransferRecord } from '../../../infrastructure/transfer.repository';
import { TransferAnswers } from '../../transfer-answers';
import { ExecuteTransferCommand } from './execute-transfer.command';

interface Ask {
  readonly subject: string;
  readonly request: TransferRequestedV1;
  readonly cause: Cause;
}

/**
 * Executes transfers set-based: each request of a transaction (a batch of events) is gathered, and
 * just before the commit the whole batch runs in a few statements: its recorded outcomes read in
 * one, every balance it touches locked in one (in id order, so batches queue instead of
 * deadlocking), each transfer decided in turn against the balances the earlier ones left (no
 * overdraft), then all journals posted in one statement and all outcomes recorded in another,
 * both sent with the COMMIT.
 */
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
    return this.unitOfWork.run(() => {
      // Requests that break the contract can never succeed: straight to the dead letters.
      const breach = contractBreach('Transfer', request);
      if (breach) throw new PermanentError(breach);
      this.unitOfWork.collect(this, { subject, request, cause: RequestContext.cause() }, (_, asks: readonly Ask[]) =>
        this.executeAll(asks),
      );
      return Promise.resolve();
    });
  }

  private async executeAll(asks: readonly Ask[]): Promise<void> {
    // Asked again, or canceled first: the recorded answer, and money moved at most once. The
    // balances are locked for every transfer asked, answered before or not, so that both
    // statements go out together: one round trip.
    const [known, locked] = await Promise.all([
      this.transfers.findAll(asks.map(({ request }) => request.transferId)),
      this.accounts.lock(asks.flatMap(({ request }) => [request.sourceAccountId, request.destinationAccountId])),
    ]);
    const fresh = asks.filter(({ request }) => !known.has(request.transferId));
    // Balances as the batch's earlier transfers leave them.
    const balances = new Map([...locked].map(([id, account]) => [id, account.balance]));
    const customer = (id: string): LockedAccount | undefined => {
      const account = locked.get(normalizeId(id));
      return account?.kind === 'customer' ? { ...account, balance: balances.get(account.id)! } : undefined;
    };

    const now = new Date();
    const decided = new Map<string, { request: TransferRequestedV1; decision: TransferDecision }>();
    const moving: Array<{ request: TransferRequestedV1; source: string; destination: string }> = [];
    for (const { request } of fresh) {
      // The same transfer twice in one batch (a duplicate delivery) runs once.
      if (decided.has(request.transferId)) continue;
      const expiresAt = request.expiresAt ? new Date(request.expiresAt) : null;
      const decision = decideTransfer(
        { ...request, expiresAt },
        customer(request.sourceAccountId),
        customer(request.destinationAccountId),
        now,
      );
      decided.set(request.transferId, { request, decision });
      if (!decision.ok) continue;
      const [source, destination] = [decision.source.id, decision.destination.id];
      balances.set(source, decision.source.balance - request.amount);
      balances.set(destination, decision.destination.balance + request.amount);
      moving.push({ request, source, destination });
    }

    const posted = await this.ledger.postAllWithCommit(
      moving.map(({ request, source, destination }) => ({
        journal: moveMoney(request.kind, request.currency, source, destination, request.amount),
        reference: request.reference,
      })),
      new Map([...locked].map(([id, account]) => [id, account.balance])),
    );
    const journalOf = new Map(moving.map(({ request }, i) => [request.transferId, posted[i]]));
    const outcomes = [...decided.values()].map(({ request, decision }): TransferRecord & { transferId: string } => {
      const { transferId, kind, amount, currency } = request;
      if (!decision.ok) {
        return { transferId, kind, outcome: { status: 'failed', reason: decision.reason, message: decision.message } };
      }
      const journal = journalOf.get(transferId)!;
      const [source, destination] = [decision.source.id, decision.destination.id];
      return {
        transferId,
        kind,
        outcome: {
          status: 'succeeded',
          journalId: journal.id,
          sourceAccountId: source,
          destinationAccountId: destination,
          amount,
          currency,
          sourceBalanceAfter: journal.balances.get(source)!,
          destinationBalanceAfter: journal.balances.get(destination)!,
        },
      };
    });
    await this.transfers.recordAll(outcomes);

    const recorded = new Map<string, TransferRecord>([...known, ...outcomes.map((o) => [o.transferId, o] as const)]);
    for (const { subject, request, cause } of asks) {
      await RequestContext.run(cause, () =>
        this.answers.answer(subject, request.transferId, recorded.get(request.transferId)!),
      );
    }
  }
}
