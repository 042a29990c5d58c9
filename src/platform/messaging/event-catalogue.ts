import { z } from 'zod';

/**
 * One version of an event: what it says, and the schema of its `data`. The schema is the one
 * source of truth: the TypeScript payload type is inferred from it (see CatalogueOf) and the
 * AsyncAPI document prints it, so the two cannot drift.
 */
export interface EventVersion {
  readonly summary: string;
  readonly data: z.ZodObject;
}

/** An event's versions, by number: `{ 1: { summary, data } }`. */
export type EventVersions = Readonly<Record<number, EventVersion>>;

/** The events one module owns, as its `contracts/` declares them. */
export interface OwnedEvents<
  E extends Readonly<Record<string, EventVersions>> = Readonly<Record<string, EventVersions>>,
> {
  /** The only module that may publish them (the `source` of every one of them). */
  readonly owner: string;
  /** What an event's subject (its ordering key) is, e.g. "the payment id". */
  readonly subject: string;
  readonly events: E;
}

/**
 * Declares events a module owns. Its contracts then add them to the typed catalogue with
 * `interface IntegrationEventCatalogue extends CatalogueOf<typeof theseEvents> {}`.
 */
export function defineEvents<const E extends Readonly<Record<string, EventVersions>>>(
  definition: OwnedEvents<E>,
): OwnedEvents<E> {
  return definition;
}

/** The catalogue entries (event type → `{ version, data }` per version) that a definition gives. */
export type CatalogueOf<D extends OwnedEvents> = {
  [T in keyof D['events']]: {
    [V in keyof D['events'][T]]: D['events'][T][V] extends { data: infer S extends z.ZodObject }
      ? { version: V; data: z.infer<S> }
      : never;
  }[keyof D['events'][T]];
};

/** A small vocabulary for payload fields, so the printed schema says what a string holds. */
export const field = {
  id: () => z.string().meta({ format: 'uuid' }),
  timestamp: () => z.string().meta({ format: 'date-time' }),
  /** An amount in minor units (cents), a safe integer. */
  amount: () => z.number().int(),
  currency: () => z.string().meta({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 code' }),
};

export interface CatalogueEntry {
  readonly type: string;
  readonly version: number;
  readonly summary: string;
  readonly owner: string;
  readonly subject: string;
  readonly data: z.ZodObject;
}

/**
 * The events of the whole system, each with its one owner. Built at boot from every module's
 * definitions (hosted here or not): a type defined twice, or listed by a module it does not name
 * as its owner, stops the start.
 */
export class EventCatalogue {
  private readonly byType = new Map<string, CatalogueEntry[]>();

  private constructor(definitions: readonly OwnedEvents[]) {
    const owners = new Map<string, string>();
    for (const { owner, subject, events } of definitions) {
      for (const [type, versions] of Object.entries(events)) {
        const previous = owners.get(type);
        if (previous !== undefined) {
          throw new Error(`Event "${type}" is defined by both "${previous}" and "${owner}": an event has one owner`);
        }
        owners.set(type, owner);
        const entries = Object.entries(versions).map(([version, { summary, data }]) => ({
          type,
          version: Number(version),
          summary,
          owner,
          subject,
          data,
        }));
        this.byType.set(type, entries);
      }
    }
  }

  static of(definitions: readonly OwnedEvents[]): EventCatalogue {
    return new EventCatalogue(definitions);
  }

  /** Each module's definitions, checked to name that module as their owner. */
  static ofModules(modules: readonly { name: string; events: readonly OwnedEvents[] }[]): EventCatalogue {
    for (const { name, events } of modules) {
      const foreign = events.find((definition) => definition.owner !== name);
      if (foreign) {
        const types = Object.keys(foreign.events).join(', ');
        throw new Error(`Module "${name}" lists events owned by "${foreign.owner}" (${types}) as its own`);
      }
    }
    return new EventCatalogue(modules.flatMap((m) => m.events));
  }

  static readonly empty = new EventCatalogue([]);

  ownerOf(type: string): string | undefined {
    return this.byType.get(type)?.[0]?.owner;
  }

  /** Every version of every event, by type then version. */
  entries(): CatalogueEntry[] {
    return [...this.byType.keys()]
      .sort()
      .flatMap((type) => [...(this.byType.get(type) ?? [])].sort((a, b) => a.version - b.version));
  }
}
