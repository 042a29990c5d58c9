import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_FILTER } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { ScheduleModule } from '@nestjs/schedule';
import { AuthModule } from './auth/auth.module';
import { EventsModule } from './events/events.module';
import { platformConfig } from './config/platform.config';
import type { PersistenceUnits } from './database/data-source-options';
import { DatabaseModule } from './database/database.module';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { MessagingModule } from './messaging/messaging.module';
import type { MessagingTopology } from './messaging/subscriptions';
import { HealthModule } from './observability/health/health.module';
import { ShutdownLog } from './observability/logging/shutdown-log';
import { MetricsModule } from './observability/metrics/metrics.module';
import { TracingModule } from './observability/tracing/tracing.module';

/**
 * Everything the business modules stand on, and nothing about any of them: configuration,
 * logging, the database and unit of work, the messaging backbone, HTTP conventions, API keys and
 * the guard that checks each route's scope, health and metrics. The composition root passes in
 * the hosted modules' entities and migrations, and the subscriptions of every module.
 */
@Module({})
export class PlatformModule {
  static forRoot(units: PersistenceUnits, topology: MessagingTopology): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, cache: true, load: [platformConfig] }),
        EventEmitterModule.forRoot(),
        ScheduleModule.forRoot(),
        CqrsModule.forRoot(),
        MetricsModule,
        TracingModule,
        DatabaseModule.forRoot(units),
        MessagingModule.forRoot(topology),
        HealthModule,
        AuthModule,
        EventsModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }, ShutdownLog],
    };
  }
}
