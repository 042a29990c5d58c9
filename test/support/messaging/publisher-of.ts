import type { INestApplicationContext } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { UnitOfWork } from '../../../src/platform/database/unit-of-work';
import { ConsumerRegistry } from '../../../src/platform/messaging/consumer-registry';
import { EventPublisher } from '../../../src/platform/messaging/event-publisher';
import { OUTBOX_ORIGIN } from '../../../src/platform/messaging/messaging.signals';
import { ListenerPresence } from '../../../src/platform/messaging/relay/listener-presence';

/**
 * A publisher that publishes as module `source` does (MessagingModule.forFeature), for tests that
 * play that module's part. `app.select(Module).get(EventPublisher)` cannot give it: the lookup is
 * global and returns whichever module's publisher it meets first.
 */
export function publisherOf(app: INestApplicationContext, source: string): EventPublisher {
  return new EventPublisher(
    source,
    app.get(UnitOfWork),
    app.get(ConsumerRegistry),
    app.get(EventEmitter2),
    app.get(ListenerPresence),
    app.get<string>(OUTBOX_ORIGIN),
  );
}
