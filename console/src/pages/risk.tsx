import { useEffect, useState } from 'preact/hooks';
import { get, post, put, type Page } from '../api';
import { usePoll } from '../use-poll';

interface Assessment {
  id: string;
  paymentId: string;
  decision: string;
  score: number;
  reasons: string[];
}

export function RiskPage() {
  const reviews = usePoll(() => get<Page<Assessment>>('/v1/risk/reviews?limit=50'), 2000);
  const [rules, setRules] = useState('');
  const [message, setMessage] = useState('');
  useEffect(() => {
    get<unknown>('/v1/risk/rules').then(
      (r) => setRules(JSON.stringify(r, null, 2)),
      (e: Error) => setMessage(e.message),
    );
  }, []);
  const run = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      setMessage(done);
    } catch (error) {
      setMessage((error as Error).message);
    }
    reviews.reload();
  };
  return (
    <section>
      <h2>Risk</h2>
      {message && <p class="note">{message}</p>}
      <h3>Review queue</h3>
      <table id="reviews">
        <tbody>
          {reviews.value?.data.map((a) => (
            <tr key={a.id} data-payment={a.paymentId}>
              <td>{a.paymentId}</td>
              <td>score {a.score}</td>
              <td>{a.reasons.join(', ')}</td>
              <td>
                <button
                  onClick={() =>
                    void run(() => post(`/v1/risk/reviews/${a.paymentId}/approve`), `Approved ${a.paymentId}`)
                  }
                >
                  Approve
                </button>{' '}
                <button
                  onClick={() =>
                    void run(() => post(`/v1/risk/reviews/${a.paymentId}/reject`), `Rejected ${a.paymentId}`)
                  }
                >
                  Reject
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {reviews.value?.data.length === 0 && <p class="note">Nothing waits for review.</p>}
      <h3>Rules</h3>
      <textarea id="rules" rows={18} cols={80} value={rules} onInput={(e) => setRules(e.currentTarget.value)} />
      <br />
      <button
        onClick={() =>
          void run(
            async () => setRules(JSON.stringify(await put('/v1/risk/rules', JSON.parse(rules)), null, 2)),
            'Rules saved',
          )
        }
      >
        Save rules
      </button>
    </section>
  );
}
