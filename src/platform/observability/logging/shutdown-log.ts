import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';

/** Says that the process is stopping, and why, before the relay and the database close. */
@Injectable()
export class ShutdownLog implements BeforeApplicationShutdown {
  beforeApplicationShutdown(signal?: string): void {
    new Logger('Main').log(
      `Stopping${signal ? ` on ${signal}` : ''}: finishing the requests and event batches under way, then closing the database`,
    );
  }
}
