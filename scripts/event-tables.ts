// Writes each module's README event tables (between the event-tables markers) from the event
// catalogue and the subscription manifests: `npm run docs:events`. A test fails when they are stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { businessModules } from '../src/modules';
import { describeEvents } from '../src/platform/messaging/docs/event-descriptions';
import { withEventTables } from '../src/platform/messaging/docs/event-tables';
import { eventsOf, subscriptionsOf } from '../src/platform/modules/business-module';

const events = describeEvents(eventsOf(businessModules), subscriptionsOf(businessModules));
for (const { name } of businessModules) {
  const path = join(__dirname, '..', 'src', 'modules', name, 'README.md');
  const before = readFileSync(path, 'utf8');
  const after = withEventTables(before, name, events);
  if (after !== before) {
    writeFileSync(path, after);
    process.stdout.write(`wrote ${path}\n`);
  }
}
