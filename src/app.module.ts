import { Module } from '@nestjs/common';
import { AccountsModule } from './modules/accounts/accounts.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { persistenceUnits } from './persistence-units';
import { PlatformModule } from './platform/platform.module';

/** The composition root: the platform and the business modules, which talk only through events. */
@Module({
  imports: [PlatformModule.forRoot(persistenceUnits), AccountsModule, NotificationsModule],
})
export class AppModule {}
