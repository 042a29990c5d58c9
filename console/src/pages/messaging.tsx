import { useRef, useState } from 'preact/hooks';
import { get, post, type Page } from '../api';
import { Sparkline } from '../sparkline';
import { usePoll } from '../use-poll';

interface ConsumerStats {
  consumer: string;
  backlog: number;
  inFlight: number;
  dead: number;
  throughputPerSecond: number;
  latency: { meanMs: number | null; p50Ms: number | null; p99Ms: number | null };
  oldestPendingAgeSeconds: number | null;
  oldestActiveAgeSeconds: number | null;
}
interface Stats {
  relay: { instance: string; running: boolean; workers: number };
  /** The readiness threshold (HEALTH_MAX_EVENT_AGE_SECONDS). */
  maxEventAgeSeconds: number;
  consumers: ConsumerStats[];
}
interface DeadLetter {
  id: string;
  consumer: string;
  eventType: string;
  subject: string;
  attempts: number;
  lastError: string | null;
  deadAt: string;
}

const HISTORY = 300; // one sample a second: the last five minutes

export function MessagingPage() {
  const history = useRef(new Map<string, { backlog: number[]; rate: number[]; p99: number[] }>());
  const stats = usePoll(async () => {
    const s = await get<Stats>('/v1/admin/messaging/stats');
    for (const c of s.consumers) {
      const h = history.current.get(c.consumer) ?? { backlog: [], rate: [], p99: [] };
      h.backlog.push(c.backlog);
      h.rate.push(c.throughputPerSecond);
      h.p99.push(c.latency.p99Ms ?? 0);
      for (const series of [h.backlog, h.rate, h.p99]) if (series.length > HISTORY) series.shift();
      history.current.set(c.consumer, h);
    }
    return s;
  }, 1000);
  const dead = usePoll(() => get<Page<DeadLetter>>('/v1/admin/messaging/dead-letters?limit=50'), 2000);
  const [message, setMessage] = useState('');
  const retry = async (path: string) => {
    try {
      const { retried } = await post<{ retried: number }>(path);
      setMessage(`Retried ${retried}`);
    } catch (error) {
      setMessage((error as Error).message);
    }
    stats.reload();
    dead.reload();
  };
  const threshold = stats.value?.maxEventAgeSeconds;
  return (
    <section>
      <h2>Messaging</h2>
      {stats.error && <p class="error">{stats.error}</p>}
      <p>
        Relay {stats.value?.relay.instance} {stats.value?.relay.running ? 'running' : 'stopped'}. Little's law: the
        backlog L should read about λ·W (throughput times latency).
      </p>
      <table id="consumers">
        <thead>
          <tr>
            <th>consumer</th>
            <th>backlog L</th>
            <th>throughput λ /s</th>
            <th>W p50 / p99 ms</th>
            <th>λ·W</th>
            <th>dead</th>
            <th>oldest pending / threshold</th>
          </tr>
        </thead>
        <tbody>
          {stats.value?.consumers.map((c) => {
            const h = history.current.get(c.consumer);
            const lw = (c.throughputPerSecond * (c.latency.meanMs ?? 0)) / 1000;
            const age = c.oldestPendingAgeSeconds;
            // Flagged as readiness does: retries waiting for their backoff aside.
            const lagging = threshold !== undefined && (c.oldestActiveAgeSeconds ?? 0) > threshold;
            return (
              <tr key={c.consumer} data-consumer={c.consumer}>
                <td>{c.consumer}</td>
                <td>
                  <span class="backlog">{c.backlog}</span> <Sparkline values={h?.backlog ?? []} label="backlog" />
                </td>
                <td>
                  {c.throughputPerSecond.toFixed(1)} <Sparkline values={h?.rate ?? []} label="throughput" />
                </td>
                <td>
                  {c.latency.p50Ms ?? '–'} / {c.latency.p99Ms ?? '–'} <Sparkline values={h?.p99 ?? []} label="p99" />
                </td>
                <td>{lw.toFixed(2)}</td>
                <td>{c.dead}</td>
                <td class={lagging ? 'oldest error' : 'oldest'}>
                  {age === null ? '–' : `${age.toFixed(1)} s`} / <span class="threshold">{threshold}</span> s
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h3>Dead letters</h3>
      <button id="retry-all" onClick={() => void retry('/v1/admin/messaging/dead-letters/retry')}>
        Retry all
      </button>{' '}
      <span class="note">{message}</span>
      <table id="dead-letters">
        <thead>
          <tr>
            <th>consumer</th>
            <th>event</th>
            <th>subject</th>
            <th>attempts</th>
            <th>error</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {dead.value?.data.map((d) => (
            <tr key={d.id} data-dead-letter={d.id}>
              <td>{d.consumer}</td>
              <td>{d.eventType}</td>
              <td>{d.subject}</td>
              <td>{d.attempts}</td>
              <td>{d.lastError}</td>
              <td>
                <button onClick={() => void retry(`/v1/admin/messaging/dead-letters/${d.id}/retry`)}>Retry</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {dead.value?.data.length === 0 && <p class="note">No dead letters.</p>}
    </section>
  );
}
