// The clients of the stream benchmark, in a process of their own so that parsing 100 streams does
// not weigh on the server measured: BENCH_STREAM_CLIENTS connections to BENCH_STREAM_URL, each
// counting messages and, for each, commit-to-client latency (now minus the envelope's occurredAt,
// the same clock as the relay's commit-to-handled). Reports once every client has BENCH_STREAM_EXPECT
// messages, or after BENCH_STREAM_TIMEOUT_MS.
import { request } from 'node:http';
import { BENCH_ADMIN_KEY } from './api';
import { runAsScript } from './bench-child';
import { percentile } from './bench-database';

export interface StreamClientFigures {
  readonly clients: number;
  /** Messages received, summed over the clients. */
  readonly received: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** Clients that ended before the run did (dropped by the server). */
  readonly ended: number;
}

const url = process.env.BENCH_STREAM_URL!;
const clients = Number(process.env.BENCH_STREAM_CLIENTS ?? 100);
const expect = Number(process.env.BENCH_STREAM_EXPECT ?? 0);
const timeoutMs = Number(process.env.BENCH_STREAM_TIMEOUT_MS ?? 120_000);

async function main(): Promise<StreamClientFigures> {
  const latencies: number[] = [];
  const counts = new Array<number>(clients).fill(0);
  let ended = 0;
  const requests = Array.from({ length: clients }, (_, i) => {
    const req = request(url, { headers: { authorization: `Bearer ${BENCH_ADMIN_KEY}`, accept: 'text/event-stream' } });
    req.on('response', (response) => {
      let pending = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        pending += chunk;
        let end: number;
        while ((end = pending.indexOf('\n\n')) >= 0) {
          const block = pending.slice(0, end);
          pending = pending.slice(end + 2);
          const data = block.split('\n').find((line) => line.startsWith('data: '));
          if (!data) continue;
          const envelope = JSON.parse(data.slice(6)) as { occurredAt: string };
          latencies.push(Date.now() - Date.parse(envelope.occurredAt));
          counts[i]++;
        }
      });
      response.on('close', () => ended++);
    });
    req.on('error', () => undefined);
    req.end();
    return req;
  });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !(expect > 0 && counts.every((n) => n >= expect)))
    await new Promise((resolve) => setTimeout(resolve, 50));
  const endedEarly = ended;
  for (const req of requests) req.destroy();
  const sorted = latencies.sort((a, b) => a - b);
  return {
    clients,
    received: latencies.length,
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    maxMs: sorted[sorted.length - 1] ?? NaN,
    ended: endedEarly,
  };
}

if (require.main === module) runAsScript(main);
