import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { EventFeed } from './event-feed';
import { EventStore } from './event-store';
import { EventStreams } from './event-streams';
import { eventsConfig } from './events.config';
import { EventsController } from './events.controller';

/** The events API: the integration events the platform published, listed, fetched and followed live. */
@Module({
  imports: [ConfigModule.forFeature(eventsConfig)],
  controllers: [EventsController],
  providers: [EventStore, EventFeed, EventStreams],
})
export class EventsModule {}
