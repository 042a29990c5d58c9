import { useState } from 'preact/hooks';
import { get, post, type Page } from '../api';
import { usePoll } from '../use-poll';

interface Endpoint {
  id: string;
  url: string;
  status?: string;
  enabled?: boolean;
  eventTypes: string[];
}
interface Message {
  id: string;
  eventType: string;
  status: string;
  lastStatusCode: number | null;
  lastError: string | null;
  attempts: Array<{
    attempt: number;
    attemptedAt: string;
    statusCode: number | null;
    durationMs: number;
    error: string | null;
  }>;
}

export function WebhooksPage() {
  const endpoints = usePoll(() => get<Page<Endpoint>>('/v1/webhook-endpoints?limit=100'), 5000);
  const [selected, setSelected] = useState<string | null>(null);
  const messages = usePoll(
    () =>
      selected ? get<Page<Message>>(`/v1/webhook-endpoints/${selected}/messages?limit=50`) : Promise.resolve(null),
    3000,
    [selected],
  );
  const [note, setNote] = useState('');
  const retry = async (id: string) => {
    try {
      await post(`/v1/webhook-messages/${id}/retry`);
      setNote(`Retry of ${id} queued`);
    } catch (error) {
      setNote((error as Error).message);
    }
    messages.reload();
  };
  return (
    <section>
      <h2>Webhooks</h2>
      {note && <p class="note">{note}</p>}
      <table id="endpoints">
        <tbody>
          {endpoints.value?.data.map((e) => (
            <tr key={e.id}>
              <td>
                <a href="#" onClick={(ev) => (ev.preventDefault(), setSelected(e.id))}>
                  {e.url}
                </a>
              </td>
              <td>{e.status ?? (e.enabled === false ? 'disabled' : 'enabled')}</td>
              <td>{e.eventTypes.join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {endpoints.value?.data.length === 0 && <p class="note">No endpoints.</p>}
      {messages.value && (
        <table id="webhook-messages">
          <tbody>
            {messages.value.data.map((m) => (
              <tr key={m.id}>
                <td>{m.eventType}</td>
                <td>{m.status}</td>
                <td>{m.lastStatusCode ?? m.lastError ?? ''}</td>
                <td>
                  {m.attempts
                    .map((a) => `#${a.attempt} ${a.statusCode ?? a.error ?? ''} (${a.durationMs} ms)`)
                    .join('; ')}
                </td>
                <td>
                  <button onClick={() => void retry(m.id)}>Retry</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
