import { Module } from '@nestjs/common';
import { MessagingModule } from '../../platform/messaging/messaging.module';
import { AccountsController } from './api/accounts.controller';
import { LedgerController } from './api/ledger.controller';
import { MoneyMovementsController } from './api/money-movements.controller';
import { ChangeAccountStatusHandler } from './application/commands/change-account-status/change-account-status.handler';
import { ExecuteTransferHandler } from './application/commands/execute-transfer/execute-transfer.handler';
import { MoveExternalFundsHandler } from './application/commands/move-external-funds/move-external-funds.handler';
import { OpenAccountHandler } from './application/commands/open-account/open-account.handler';
import { ExecuteTransferWhenTransferRequested } from './application/event-handlers/execute-transfer-when-transfer-requested.handler';
import { CheckLedgerIntegrityHandler } from './application/queries/check-ledger-integrity/check-ledger-integrity.handler';
import { GetAccountHandler } from './application/queries/get-account/get-account.handler';
import { GetStatementHandler } from './application/queries/get-statement/get-statement.handler';
import { ListAccountsHandler } from './application/queries/list-accounts/list-accounts.handler';
import { AccountRepository } from './infrastructure/account.repository';
import { LedgerRepository } from './infrastructure/ledger.repository';
import { TransferRepository } from './infrastructure/transfer.repository';

/** Accounts, balances and the double-entry ledger. Other modules reach it only through its events. */
@Module({
  imports: [MessagingModule.forFeature('accounts')],
  controllers: [AccountsController, MoneyMovementsController, LedgerController],
  providers: [
    AccountRepository,
    LedgerRepository,
    TransferRepository,
    OpenAccountHandler,
    ChangeAccountStatusHandler,
    MoveExternalFundsHandler,
    ExecuteTransferHandler,
    GetAccountHandler,
    ListAccountsHandler,
    GetStatementHandler,
    CheckLedgerIntegrityHandler,
    ExecuteTransferWhenTransferRequested,
  ],
})
export class AccountsModule {}
