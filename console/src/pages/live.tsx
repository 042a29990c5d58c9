import { useEffect, useState } from 'preact/hooks';
import { followEvents } from '../api';

interface LiveEvent {
  id: string;
  type: string;
  subject: string;
  occurredAt: string;
}

const KEEP = 200;

export function LivePage() {
  const [type, setType] = useState('');
  const [applied, setApplied] = useState('');
  const [events, setEvents] = useState<LiveEvent[]>([]);
  const [error, setError] = useState('');
  useEffect(() => {
    setEvents([]);
    setError('');
    return followEvents(
      applied ? `?type=${encodeURIComponent(applied)}` : '',
      (e) => setEvents((list) => [e, ...list].slice(0, KEEP)),
      (e) => setError(e.message),
    );
  }, [applied]);
  return (
    <section>
      <h2>Live events</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setApplied(type.trim());
        }}
      >
        <input
          id="live-type"
          placeholder="type, e.g. payment.*"
          value={type}
          onInput={(e) => setType(e.currentTarget.value)}
        />
        <button type="submit">Filter</button>
      </form>
      {error && <p class="error">{error}</p>}
      <table id="live">
        <tbody>
          {events.map((e) => (
            <tr key={e.id}>
              <td>{e.occurredAt}</td>
              <td>
                <code>{e.type}</code>
              </td>
              <td>{e.subject}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
