import { Module } from '@nestjs/common';
import { AccountsModule } from './modules/accounts/accounts.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { PaymentsModule } from './modules/payments/payments.module';
import { RiskModule } from './modules/risk/risk.module';
import { persistenceUnits } from './persistence-units';
import { PlatformModule } from './platform/platform.module';

/** The composition root: the platform and the business modules, which talk only through events. */
@Module({
  imports: [PlatformModule.forRoot(persistenceUnits), AccountsModule, RiskModule, PaymentsModule, NotificationsModule],
})
export class AppModule {}
