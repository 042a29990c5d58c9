import type { Type } from '@nestjs/common';
import { ConfigValidationError } from '../config/define-config';
import type { PersistenceUnits } from '../database/data-source-options';
import { EventCatalogue, type OwnedEvents } from '../messaging/event-catalogue';
import type { SubscriptionManifest } from '../messaging/subscriptions';

/** What the composition root knows of a business module: everything it wires, in one place. */
export interface BusinessModule {
  /** Its name in the MODULES setting, and the prefix of its consumers' names. */
  readonly name: string;
  readonly module: Type;
  readonly persistence: PersistenceUnits;
  /** The events it owns (its contracts' definitions): the only ones it may publish. */
  readonly events: readonly OwnedEvents[];
  readonly subscriptions: SubscriptionManifest;
}

/**
 * The modules this process hosts (their controllers, consumers and jobs), from the MODULES setting:
 * a comma-separated list of names, all of them when unset. An unknown name stops the start.
 */
export function selectModules(all: readonly BusinessModule[], setting = process.env.MODULES): BusinessModule[] {
  if (setting === undefined || setting.trim() === '') return [...all];
  const names = setting.split(',').map((name) => name.trim());
  const known = all.map((m) => m.name);
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length > 0 || new Set(names).size !== names.length || names.includes('')) {
    const problem = unknown.length > 0 ? `unknown module "${unknown[0]}"` : 'each module at most once';
    throw new ConfigValidationError(
      `Invalid setting MODULES (${JSON.stringify(setting)}): ${problem} (known: ${known.join(', ')})`,
    );
  }
  return all.filter((m) => names.includes(m.name));
}

/** The entities and migrations of `modules`, after the platform's own. */
export function persistenceOf(platform: PersistenceUnits, modules: readonly BusinessModule[]): PersistenceUnits {
  return {
    entities: [...platform.entities, ...modules.flatMap((m) => m.persistence.entities)],
    migrations: [...platform.migrations, ...modules.flatMap((m) => m.persistence.migrations)],
  };
}

/** Every module's subscriptions in one manifest (consumer names are unique: they start with their module's name). */
export function subscriptionsOf(modules: readonly BusinessModule[]): SubscriptionManifest {
  return Object.assign({}, ...modules.map((m) => m.subscriptions)) as SubscriptionManifest;
}

/** Every module's events in one catalogue, each with its one owner (a module listing another's stops the start). */
export function eventsOf(modules: readonly BusinessModule[]): EventCatalogue {
  return EventCatalogue.ofModules(modules);
}
