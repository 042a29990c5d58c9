import { Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per application instance (not prom-client's global one), so tests can boot several apps. */
export class MetricsRegistry extends Registry {
  constructor() {
    super();
    collectDefaultMetrics({ register: this });
  }
}
