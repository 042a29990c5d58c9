import { Module } from '@nestjs/common';
import { MessagingModule } from '../../platform/messaging';
import { AccountsController } from './api/accounts.controller';
import { LedgerController } from './api/ledger.controller';
import { MoneyMovementsController } from './api/money-movements.controller';
import { CancelTransferHandler } from './application/commands/cancel-transfer/cancel-transfer.handler';
import { CaptureHoldHandler } from './application/commands/capture-hold/capture-hold.handler';
import { ChangeAccountStatusHandler } from './application/commands/change-account-status/change-account-status.handler';
import { ExecuteTransferHandler } from './application/commands/execute-transfer/execute-transfer.handler';
import { MoveExternalFundsHandler } from './application/commands/move-external-funds/move-external-funds.handler';
import { OpenAccountHandler } from './application/commands/open-account/open-account.handler';
import { PlaceHoldHandler } from './application/commands/place-hold/place-hold.handler';
import { ReleaseHoldHandler } from './application/commands/release-hold/release-hold.handler';
import { CancelTransferWhenCancellationRequested } from './application/event-handlers/cancel-transfer-when-cancellation-requested.handler';
import { ExecuteTransferWhenTransferRequested } from './application/event-handlers/execute-transfer-when-transfer-requested.handler';
import { PlaceHoldWhenHoldRequested } from './application/event-handlers/place-hold-when-hold-requested.handler';
import { SettleHoldWhenSettlementRequested } from './application/event-handlers/settle-hold-when-settlement-requested.handler';
import { HoldAnswers } from './application/hold-answers';
import { HoldSettler } from './application/hold-settler';
import { CheckLedgerIntegrityHandler } from './application/queries/check-ledger-integrity/check-ledger-integrity.handler';
import { GetAccountHandler } from './application/queries/get-account/get-account.handler';
import { GetStatementHandler } from './application/queries/get-statement/get-statement.handler';
import { ListAccountsHandler } from './application/queries/list-accounts/list-accounts.handler';
import { TransferAnswers } from './application/transfer-answers';
import { AccountRepository } from './infrastructure/account.repository';
import { HoldRepository } from './infrastructure/hold.repository';
import { LedgerRepository } from './infrastructure/ledger.repository';
import { TransferRepository } from './infrastructure/transfer.repository';
import type { BusinessModule } from '../../platform/modules';
import { accountsPersistence } from './accounts.persistence';
import { accountEvents } from './contracts/account-events';
import { transferEvents } from './contracts/transfer-events';
import { holdEvents } from './contracts/hold-events';
import { accountsSubscriptions } from './accounts.subscriptions';

/** Accounts, balances and the double-entry ledger. Other modules reach it only through its events. */
@Module({
  imports: [MessagingModule.forFeature('accounts')],
  controllers: [AccountsController, MoneyMovementsController, LedgerController],
  providers: [
    AccountRepository,
    LedgerRepository,
    TransferRepository,
    HoldRepository,
    OpenAccountHandler,
    ChangeAccountStatusHandler,
    MoveExternalFundsHandler,
    ExecuteTransferHandler,
    CancelTransferHandler,
    TransferAnswers,
    PlaceHoldHandler,
    CaptureHoldHandler,
    ReleaseHoldHandler,
    HoldSettler,
    HoldAnswers,
    GetAccountHandler,
    ListAccountsHandler,
    GetStatementHandler,
    CheckLedgerIntegrityHandler,
    ExecuteTransferWhenTransferRequested,
    CancelTransferWhenCancellationRequested,
    PlaceHoldWhenHoldRequested,
    SettleHoldWhenSettlementRequested,
  ],
})
export class AccountsModule {}

/** What src/modules.ts registers: the Nest module, its tables, the events it owns and its subscriptions. */
export const accountsModule: BusinessModule = {
  name: 'accounts',
  module: AccountsModule,
  persistence: accountsPersistence,
  events: [accountEvents, transferEvents, holdEvents],
  subscriptions: accountsSubscriptions,
};
