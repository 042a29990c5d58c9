import { ApiKeys1764500000000 } from '../auth/migrations/1764500000000-api-keys';
import { Decisions1765100001000 } from '../coordination/migrations/1765100001000-decisions';
import { EventOwners1765200000000 } from '../events/migrations/1765200000000-event-owners';
import type { PersistenceUnits } from './data-source-options';
import { PlatformSchema1763800000000 } from './migrations/1763800000000-platform-schema';
import { BrokerTransport1764900000000 } from './migrations/1764900000000-broker-transport';
import { OutboxTraceparent1796300000000 } from './migrations/1796300000000-outbox-traceparent';
import { DeliveriesOneIndexLess1797000000000 } from './migrations/1797000000000-deliveries-one-index-less';

/** The platform's own tables (outbox, deliveries, inbox, idempotency keys, API keys, decisions, event owners): migrated in every process. */
export const platformPersistence: PersistenceUnits = {
  entities: [],
  migrations: [
    PlatformSchema1763800000000,
    ApiKeys1764500000000,
    BrokerTransport1764900000000,
    Decisions1765100001000,
    EventOwners1765200000000,
    OutboxTraceparent1796300000000,
    DeliveriesOneIndexLess1797000000000,
  ],
};
