import { Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { flushTracing } from './tracing';

/** Spans still buffered leave before the process does. */
@Injectable()
class TracingFlush implements OnApplicationShutdown {
  onApplicationShutdown(): Promise<void> {
    return flushTracing();
  }
}

/** Tracing itself starts with the process (see startTracingFromSettings), before Nest builds anything. */
@Module({ providers: [TracingFlush] })
export class TracingModule {}
