import type { INestApplicationContext } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { platformConfig, type PlatformConfig } from '../../../src/platform/config/platform.config';
import { UnitOfWork } from '../../../src/platform/database/unit-of-work';
import { ConsumerRegistry } from '../../../src/platform/messaging/consumer-registry';
import { EventPublisher } from '../../../src/platform/messaging/event-publisher';

/**
 * A publisher that publishes as module `source` does (MessagingModule.forFeature), for tests that
 * play that module's part. `app.select(Module).get(EventPublisher)` cannot give it: the lookup is
 * global and returns whichever module's publisher it meets first.
 */
export function publisherOf(app: INestApplicationContext, source: string): EventPublisher {
  const config = app.get<PlatformConfig>(platformConfig.KEY);
  return new EventPublisher(
    source,
    app.get(UnitOfWork),
    app.get(ConsumerRegistry),
    app.get(EventEmitter2),
    config.messaging.notify,
  );
}
