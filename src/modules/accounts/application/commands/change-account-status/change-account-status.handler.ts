import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '../../../../../platform/database';
import { normalizeId } from '../../../../../platform/ids';
import { EventPublisher } from '../../../../../platform/messaging';
import { nextStatus, type AccountStatus, type Account } from '../../../domain/account';
import { AccountNotFoundError } from '../../../domain/accounts.errors';
import { AccountRepository } from '../../../infrastructure/account.repository';
import { ChangeAccountStatusCommand } from './change-account-status.command';

const EVENT_BY_STATUS = {
  frozen: 'account.frozen',
  active: 'account.unfrozen',
  closed: 'account.closed',
} as const satisfies Record<AccountStatus, string>;

@CommandHandler(ChangeAccountStatusCommand)
export class ChangeAccountStatusHandler implements ICommandHandler<ChangeAccountStatusCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly accounts: AccountRepository,
    private readonly events: EventPublisher,
  ) {}

  execute({ accountId, action, ownerId }: ChangeAccountStatusCommand): Promise<Account> {
    return this.unitOfWork.run(async () => {
      // Locked, so a close cannot race a deposit into a non-zero balance, nor a hold (held
      // balances change only under their account's lock).
      const account = (await this.accounts.lock([accountId])).get(normalizeId(accountId));
      if (!account || account.kind !== 'customer' || (ownerId !== null && account.ownerId !== ownerId)) {
        throw new AccountNotFoundError(accountId);
      }
      const held = action === 'close' ? await this.accounts.held(account.id) : 0;
      const status = nextStatus(account, action, held);
      if (!status) return (await this.accounts.findCustomer(account.id))!;
      const updated = await this.accounts.updateStatus(account.id, status);
      await this.events.publish(EVENT_BY_STATUS[status], {
        version: 1,
        subject: account.id,
        data: { accountId: account.id },
      });
      return updated;
    });
  }
}
