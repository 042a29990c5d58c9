import { Module, type DynamicModule } from '@nestjs/common';
import { businessModules } from './modules';
import { eventsOf, persistenceOf, selectModules, subscriptionsOf } from './platform/modules/business-module';
import { platformPersistence } from './platform/database/platform.persistence';
import { PlatformModule } from './platform/platform.module';

/**
 * The composition root: the platform and the business modules this process hosts (MODULES, all
 * by default), which talk only through events. Every process knows every module's subscriptions,
 * so what it publishes reaches consumers hosted elsewhere.
 */
@Module({})
export class AppModule {
  static register(): DynamicModule {
    const hosted = selectModules(businessModules);
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot(persistenceOf(platformPersistence, hosted), {
          events: eventsOf(businessModules),
          subscriptions: subscriptionsOf(businessModules),
          hostedModules: hosted.map((m) => m.name),
        }),
        ...hosted.map((m) => m.module),
      ],
    };
  }
}
