// The live stream under load: BENCH_STREAM_CLIENTS (100) clients on GET /v1/events/stream while
// BENCH_RATE (1,000) events/s are published, one per transaction. Reports commit-to-client p50/p99
// and the relay's throughput and commit-to-handled p99 beside the same load with no client, in the
// same run: the stream must not slow the bus.
//   TS_NODE_TRANSPILE_ONLY=true node -r ts-node/register bench/event-stream.ts
import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../src/bootstrap/create-app';
import { UnitOfWork } from '../src/platform/database/unit-of-work';
import { EventFeed } from '../src/platform/events/event-feed';
import { EventPublisher } from '../src/platform/messaging/event-publisher';
import { BENCH_ADMIN_KEY } from './api';
import { benchDatabaseName, benchSeconds, freshBenchDatabase, offerAtRate, percentile } from './bench-database';
import { runAsScript, runBenchScript } from './bench-child';
import type { StreamClientFigures } from './event-stream-clients';
import { BenchModule, BenchRoot, TrivialConsumer } from './relay-throughput';

const rate = Number(process.env.BENCH_RATE ?? 1000);
const clients = Number(process.env.BENCH_STREAM_CLIENTS ?? 100);
const port = Number(process.env.BENCH_PORT ?? 3917) + 3;
const seconds = benchSeconds();

interface SteadyFigures {
  /** Events handled by the relay's consumer per second, from the first publish to the last handled. */
  readonly relayPerSecond: number;
  readonly publishedPerSecond: number;
  readonly handledP99Ms: number;
}

export interface StreamFigures {
  readonly rate: number;
  readonly clients: number;
  readonly withoutClients: SteadyFigures;
  readonly withClients: SteadyFigures;
  readonly stream: StreamClientFigures;
}

async function main(): Promise<StreamFigures> {
  Object.assign(process.env, {
    DATABASE_URL: await freshBenchDatabase(benchDatabaseName('stream')),
    ADMIN_API_KEY: BENCH_ADMIN_KEY,
    LOG_LEVEL: 'warn',
    LOG_PRETTY: 'false',
    DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE ?? '20',
  });
  const app: NestFastifyApplication = await createApp(BenchRoot);
  await app.listen(port, '127.0.0.1');
  const unitOfWork = app.get(UnitOfWork);
  const publisher = app.select(BenchModule).get(EventPublisher);
  const consumer = app.get(TrivialConsumer);
  const feed = app.get(EventFeed);
  const total = rate * seconds;
  let next = 0;

  const steady = async (label: string): Promise<SteadyFigures> => {
    consumer.handled = 0;
    consumer.latencies = [];
    consumer.recordLatency = true;
    const begin = await offerAtRate(rate, total, () => {
      const n = next++;
      return unitOfWork.run(() =>
        publisher.publish('bench.pinged', { version: 1, subject: `s-${n % 1000}`, data: { n } }),
      );
    });
    const published = (Date.now() - begin) / 1000;
    while (consumer.handled < total) await new Promise((resolve) => setTimeout(resolve, 5));
    const handled = (Date.now() - begin) / 1000;
    const sorted = [...consumer.latencies].sort((a, b) => a - b);
    const figures = {
      relayPerSecond: total / handled,
      publishedPerSecond: total / published,
      handledP99Ms: percentile(sorted, 0.99),
    };
    console.log(`${label}: ${JSON.stringify(figures)}`);
    return figures;
  };

  const withoutClients = await steady('no stream client');
  const streamRun = runBenchScript<StreamClientFigures>('event-stream-clients.ts', {
    BENCH_STREAM_URL: `http://127.0.0.1:${port}/v1/events/stream`,
    BENCH_STREAM_CLIENTS: String(clients),
    BENCH_STREAM_EXPECT: String(total),
  });
  const deadline = Date.now() + 60_000;
  while (feed.clientCount < clients && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  if (feed.clientCount < clients) throw new Error(`only ${feed.clientCount} of ${clients} stream clients connected`);
  const withClients = await steady(`${clients} stream clients`);
  const stream = await streamRun;
  console.log(`stream: ${JSON.stringify(stream)}`);
  await app.close();
  return { rate, clients, withoutClients, withClients, stream };
}

if (require.main === module) runAsScript(main);
