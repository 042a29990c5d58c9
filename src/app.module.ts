import { Module } from '@nestjs/common';
import { persistenceUnits } from './persistence-units';
import { PlatformModule } from './platform/platform.module';

/** The composition root: the platform and the business modules, which talk only through events. */
@Module({
  imports: [PlatformModule.forRoot(persistenceUnits)],
})
export class AppModule {}
