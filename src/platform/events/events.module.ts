import { Module } from '@nestjs/common';
import { EventStore } from './event-store';
import { EventsController } from './events.controller';

/** The events API: the integration events the platform published, listed, fetched and followed live. */
@Module({
  controllers: [EventsController],
  providers: [EventStore],
})
export class EventsModule {}
