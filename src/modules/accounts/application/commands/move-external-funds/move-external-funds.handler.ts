import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '../../../../../platform/database';
import { EventPublisher } from '../../../../../platform/messaging';
import { assertCanMoveMoney, canCredit, canDebit } from '../../../domain/account';
import { AccountNotFoundError, BalanceLimitError, InsufficientFundsError } from '../../../domain/accounts.errors';
import { moveMoney } from '../../../domain/journal';
import { AccountRepository } from '../../../infrastructure/account.repository';
import { LedgerRepository } from '../../../infrastructure/ledger.repository';
import { MoveExternalFundsCommand, type ExternalMovementResult } from './move-external-funds.command';

@CommandHandler(MoveExternalFundsCommand)
export class MoveExternalFundsHandler implements ICommandHandler<MoveExternalFundsCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly accounts: AccountRepository,
    private readonly ledger: LedgerRepository,
    private readonly events: EventPublisher,
  ) {}

  execute(command: MoveExternalFundsCommand): Promise<ExternalMovementResult> {
    return this.unitOfWork.run(async () => {
      const { amount, type } = command;
      const found = await this.accounts.findCustomer(command.accountId, command.ownerId);
      if (!found) throw new AccountNotFoundError(command.accountId);
      const accountId = found.id;
      const external = await this.accounts.systemAccountFor(found.currency);
      const locked = await this.accounts.lock([accountId, external]);
      const account = locked.get(accountId)!;
      const system = locked.get(external)!;
      assertCanMoveMoney(account);

      if (type === 'deposit' && !canCredit(account, amount)) throw new BalanceLimitError(accountId);
      if (type === 'withdrawal' && !canDebit(account, amount)) {
        if (account.allowOverdraft) throw new BalanceLimitError(accountId);
        throw new InsufficientFundsError(accountId, account.balance, amount, account.currency);
      }
      // The system account takes the other side: it too must stay within what JSON carries exactly.
      if (type === 'deposit' ? !canDebit(system, amount) : !canCredit(system, amount)) {
        throw new BalanceLimitError(
          accountId,
          `Money moved in and out of the platform in ${account.currency} has reached its limit`,
        );
      }
      const journal =
        type === 'deposit'
          ? moveMoney('deposit', account.currency, external, accountId, amount)
          : moveMoney('withdrawal', account.currency, accountId, external, amount);
      const posted = await this.ledger.post(journal, { reference: command.reference, metadata: command.metadata });
      const balanceAfter = posted.balances.get(accountId)!;

      const common = { accountId, amount, currency: account.currency, balanceAfter, reference: command.reference };
      if (type === 'deposit') {
        await this.events.publish('account.deposited', {
          version: 1,
          subject: accountId,
          data: { ...common, depositId: posted.id },
        });
      } else {
        await this.events.publish('account.withdrawn', {
          version: 1,
          subject: accountId,
          data: { ...common, withdrawalId: posted.id },
        });
      }
      return { id: posted.id, ...common, metadata: command.metadata, createdAt: posted.createdAt };
    });
  }
}
