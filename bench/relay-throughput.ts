// Measures the messaging backbone alone: events per second through the relay with a trivial
// handler, and commit-to-handled latency (p50/p99) under a steady publishing rate.
//   npm run bench:relay            (BENCH_EVENTS, BENCH_SUBJECTS, BENCH_RATE, BENCH_SECONDS to change the load)
// BENCH_TRANSPORT=rabbitmq sends every event through RabbitMQ (BENCH_RABBITMQ_URL, default the
// local broker, on a vhost of its own made with rabbitmqctl) and back into the same process.
// `npm run bench` runs it in a process of its own and reads the figures it reports.
import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { createApp } from '../src/bootstrap/create-app';
import { persistenceUnits } from '../src/persistence-units';
import { UnitOfWork } from '../src/platform/database/unit-of-work';
import { EventCatalogue } from '../src/platform/messaging/event-catalogue';
import { defineEvents, type CatalogueOf } from '../src/platform/contracts';
import { EventPublisher } from '../src/platform/messaging/event-publisher';
import type { IntegrationEvent } from '../src/platform/messaging/integration-event';
import { MessagingModule } from '../src/platform/messaging/messaging.module';
import { OnIntegrationEvent } from '../src/platform/messaging/on-integration-event.decorator';
import { BrokerConsumer } from '../src/platform/messaging/rabbitmq/broker-consumer';
import { RelayService } from '../src/platform/messaging/relay/relay.service';
import { PlatformModule } from '../src/platform/platform.module';
import {
  PUBLISHERS,
  benchDatabaseName,
  benchSeconds,
  freshBenchDatabase,
  offerAtRate,
  percentile,
} from './bench-database';
import { runAsScript } from './bench-child';
import { deleteVhostSync, freshVhostSync } from '../test/support/local-services.cjs';

const benchEvents = defineEvents({
  owner: 'bench',
  subject: 'a label',
  events: { 'bench.pinged': { 1: { summary: 'A ping', data: z.object({ n: z.number().int() }) } } },
});

declare module '../src/platform/contracts' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the entries come from the definition above
  interface IntegrationEventCatalogue extends CatalogueOf<typeof benchEvents> {}
}

@Injectable()
export class TrivialConsumer {
  handled = 0;
  latencies: number[] = [];
  recordLatency = false;

  @OnIntegrationEvent('bench.pinged', { consumer: 'bench.trivial' })
  async handle(event: IntegrationEvent<'bench.pinged'>): Promise<void> {
    this.handled++;
    if (this.recordLatency) this.latencies.push(Date.now() - Date.parse(event.occurredAt));
    return Promise.resolve();
  }
}

@Module({ imports: [MessagingModule.forFeature('bench')], providers: [TrivialConsumer] })
export class BenchModule {}

@Module({
  imports: [
    PlatformModule.forRoot(persistenceUnits, {
      events: EventCatalogue.of([benchEvents]),
      subscriptions: { 'bench.trivial': ['bench.pinged'] },
      hostedModules: ['bench'],
    }),
    BenchModule,
  ],
})
export class BenchRoot {}

const events = Number(process.env.BENCH_EVENTS ?? 20_000);
const rate = Number(process.env.BENCH_RATE ?? 1000);
/** Subjects the events are spread over, in turn; each subject's events are handled one at a time, in order. */
const subjects = Number(process.env.BENCH_SUBJECTS ?? 1000);
const seconds = benchSeconds();
const warmupSeconds = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);

export interface RelayFigures {
  readonly drainEventsPerSecond: number;
  readonly steadyRate: number;
  /** What the publishers managed: on a busy machine, less than offered. */
  readonly steadyAchievedRate: number;
  readonly steadyP50Ms: number;
  readonly steadyP99Ms: number;
  readonly undelivered: number;
}

async function waitFor(condition: () => boolean, timeoutMs = 300_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const transport = process.env.BENCH_TRANSPORT === 'rabbitmq' ? 'rabbitmq' : 'in-process';
let dropVhost = () => {};

/** A vhost of this run's own (deleted at its end, see `dropVhost`); its URL. */
function freshVhost(name: string): string {
  freshVhostSync(name);
  dropVhost = () => deleteVhostSync(name);
  const url = new URL(process.env.BENCH_RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672');
  url.pathname = `/${name}`;
  return url.toString();
}

async function main(): Promise<RelayFigures> {
  const broker =
    transport === 'rabbitmq'
      ? { MESSAGING_TRANSPORT: 'rabbitmq', RABBITMQ_URL: freshVhost(benchDatabaseName('broker')) }
      : {};
  Object.assign(process.env, {
    ...broker,
    DATABASE_URL: await freshBenchDatabase(benchDatabaseName(transport === 'rabbitmq' ? 'broker' : 'relay')),
    LOG_LEVEL: 'warn',
    LOG_PRETTY: 'false',
    MESSAGING_RELAY_ENABLED: 'false',
    DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE ?? '20',
  });
  const app: NestFastifyApplication = await createApp(BenchRoot);
  const unitOfWork = app.get(UnitOfWork);
  const publisher = app.select(BenchModule).get(EventPublisher);
  const consumer = app.get(TrivialConsumer);
  const relay = app.get(RelayService);
  const dataSource = app.get(DataSource);
  const publishBatch = (from: number, count: number) =>
    unitOfWork.run(async () => {
      for (let n = from; n < from + count; n++)
        await publisher.publish('bench.pinged', { version: 1, subject: `s-${n % subjects}`, data: { n } });
    });

  console.log(
    `Relay benchmark (${transport}): ${relay.instanceId}, workers=${process.env.MESSAGING_WORKERS ?? 4}, batch=${process.env.MESSAGING_BATCH_SIZE ?? 200}`,
  );

  // 1. Drain: a backlog of `events` events (over `subjects` subjects), then the relay is started.
  for (let from = 0; from < events; from += 500) await publishBatch(from, Math.min(500, events - from));
  // Statistics, as autovacuum gathers them within a minute on any database that runs: on a new one
  // the planner knows nothing of the tables yet, and planned the claim's head-of-subject probe on
  // the wrong index (each probe read every delivery: 780-830 events/s at 40,000 of them).
  await dataSource.query(`ANALYZE platform.event_deliveries, platform.outbox_events, platform.inbox`);
  const started = Date.now();
  relay.start();
  app.get(BrokerConsumer).start();
  await waitFor(() => consumer.handled >= events);
  const drainSeconds = (Date.now() - started) / 1000;
  console.log(
    `drain: ${events} events in ${drainSeconds.toFixed(2)} s = ${Math.round(events / drainSeconds)} events/s`,
  );

  // 2. Steady load: one event per transaction at `rate` per second, 16 publishers in parallel.
  // Numbered in the order offerAtRate offers them, so that events offered together have different
  // subjects: numbered p × total + i, the publishers' i-th events all had one subject and waited for
  // one another (one event per subject at a time), which was most of the latency measured.
  const offer = (from: number, count: number) =>
    offerAtRate(rate, count, (p, i) => publishBatch(from + i * PUBLISHERS + p, 1));
  // The first BENCH_WARMUP_SECONDS (2) of it go unrecorded: right after the drain the queue's table
  // and indexes are full of dead rows, and the first two seconds measured that (maxima of 30-66 ms,
  // against 7-20 ms after), not the steady state.
  const warmup = rate * warmupSeconds;
  consumer.handled = 0;
  await offer(events, warmup);
  await waitFor(() => consumer.handled >= warmup);
  consumer.handled = 0;
  consumer.recordLatency = true;
  const total = rate * seconds;
  const begin = await offer(events + warmup, total);
  const published = (Date.now() - begin) / 1000;
  await waitFor(() => consumer.handled >= total);
  const sorted = [...consumer.latencies].sort((a, b) => a - b);
  console.log(
    `steady: ${total} events offered at ${rate}/s (achieved ${Math.round(total / published)}/s): ` +
      `commit-to-handled p50 ${percentile(sorted, 0.5)} ms, p99 ${percentile(sorted, 0.99)} ms, max ${sorted[sorted.length - 1]} ms`,
  );

  const [{ count }] = await dataSource.query<Array<{ count: string }>>(
    `SELECT count(*) FROM platform.event_deliveries`,
  );
  console.log(`undelivered after the run: ${count}`);
  await app.close();
  dropVhost();
  return {
    drainEventsPerSecond: events / drainSeconds,
    steadyRate: rate,
    steadyAchievedRate: total / published,
    steadyP50Ms: percentile(sorted, 0.5),
    steadyP99Ms: percentile(sorted, 0.99),
    undelivered: Number(count),
  };
}

if (require.main === module) runAsScript(main);
