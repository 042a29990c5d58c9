import type { EventType, IntegrationEvent, IntegrationEventCatalogue } from '../../src/platform/messaging';
import { newId } from '../../src/platform/ids';

type DataOfVersion1<T extends EventType> = Extract<IntegrationEventCatalogue[T], { version: 1 }>['data'];

/** A version 1 event as a consumer receives it, for tests that hand one straight to its command. */
export function integrationEvent<T extends EventType>(
  type: T,
  subject: string,
  data: DataOfVersion1<T>,
  source = 'test',
): IntegrationEvent<T> {
  const envelope = {
    id: newId(),
    type,
    version: 1,
    subject,
    source,
    occurredAt: new Date().toISOString(),
    correlationId: null,
    causationId: null,
    data,
  };
  return envelope as unknown as IntegrationEvent<T>;
}
