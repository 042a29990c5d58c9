import type { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { z } from 'zod';
import { ConsumerRegistry } from './consumer-registry';
import { defineEvents, EventCatalogue } from './event-catalogue';

const events = EventCatalogue.of([
  defineEvents({
    owner: 'alpha',
    subject: 'the alpha id',
    events: { 'alpha.done': { 1: { summary: 'done', data: z.object({ id: z.string() }) } } },
  }),
]);
// The manifest is checked against the catalogue before discovery, which these tests never reach.
const registry = (subscriptions: Record<string, string[]>) =>
  new ConsumerRegistry({} as DiscoveryService, {} as MetadataScanner, {} as Reflector, {
    events,
    subscriptions: subscriptions as never,
    hostedModules: [],
  });

describe('ConsumerRegistry and the event catalogue', () => {
  it('fans each event out to the consumers that subscribe to it', () => {
    expect(registry({ 'beta.react': ['alpha.done'], 'gamma.react': ['alpha.done'] }).consumersOf('alpha.done')).toEqual(
      ['beta.react', 'gamma.react'],
    );
  });

  it('refuses a subscription to an event no module defines', () => {
    expect(() => registry({ 'beta.react': ['alpha.gone'] })).toThrow(
      `Consumer "beta.react" subscribes to "alpha.gone", which no module's contracts define`,
    );
  });
});
