import type { INestApplication } from '@nestjs/common';
import { businessModules } from '../modules';
import { platformConfig } from '../platform/config/platform.config';
import { DatabaseConnection } from '../platform/database/database-connection';
import { selectModules } from '../platform/modules/business-module';

/** The one line a start ends with: where to go, and what this process runs on. */
export function startupSummary(app: INestApplication, host: string, port: number): string {
  const base = `http://${host === '0.0.0.0' || host === '::' ? 'localhost' : host}:${port}`;
  const modules = selectModules(businessModules).map((module) => module.name);
  return [
    `Serving on ${base} (API docs: ${base}/docs, events: ${base}/docs/events)`,
    `database: ${app.get(DatabaseConnection).describe()}`,
    `transport: ${platformConfig().transport}`,
    `modules: ${modules.join(', ')}`,
  ].join(' · ');
}
