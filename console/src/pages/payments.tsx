import { useState } from 'preact/hooks';
import { get, post, type Page } from '../api';

interface Payment {
  id: string;
  status: string;
  amount: number;
  currency: string;
  amountRefunded: number;
  amountCapturable?: number;
  sourceAccountId: string;
  destinationAccountId: string;
  failureCode: string | null;
  risk: { decision: string; score: number; reasons: string[] } | null;
  createdAt: string;
}
interface TimelineEntry {
  id: string;
  type: string;
  source: string;
  occurredAt: string;
}

const STATUSES = [
  '',
  'pending',
  'requires_review',
  'requires_capture',
  'processing',
  'succeeded',
  'failed',
  'canceled',
  'expired',
];

export function PaymentsPage() {
  const [id, setId] = useState('');
  const [status, setStatus] = useState('');
  const [latest, setLatest] = useState<Payment[]>([]);
  const [payment, setPayment] = useState<Payment | null>(null);
  const [timeline, setTimeline] = useState<TimelineEntry[]>([]);
  const [message, setMessage] = useState('');

  const run = async (work: () => Promise<unknown>) => {
    try {
      setMessage('');
      await work();
    } catch (error) {
      setMessage((error as Error).message);
    }
  };
  const open = (paymentId: string) =>
    run(async () => {
      setPayment(await get<Payment>(`/v1/payments/${encodeURIComponent(paymentId.trim())}`));
      setTimeline(
        (await get<Page<TimelineEntry>>(`/v1/payments/${encodeURIComponent(paymentId.trim())}/events?limit=100`)).data,
      );
    });
  const act = (path: string, body: unknown = {}) =>
    run(async () => {
      await post(path, body);
      setMessage('Done: the payment moves on as its events arrive.');
      if (payment) await open(payment.id);
    });

  return (
    <section>
      <h2>Payments</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void open(id);
        }}
      >
        <input
          id="payment-id"
          placeholder="payment id"
          value={id}
          onInput={(e) => setId(e.currentTarget.value)}
          size={40}
        />
        <button type="submit">Find</button>
      </form>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void run(async () =>
            setLatest((await get<Page<Payment>>(`/v1/payments?limit=20${status ? `&status=${status}` : ''}`)).data),
          );
        }}
      >
        <select value={status} onChange={(e) => setStatus(e.currentTarget.value)}>
          {STATUSES.map((s) => (
            <option value={s}>{s || 'any status'}</option>
          ))}
        </select>
        <button type="submit">Latest</button>
      </form>
      {message && <p class="note">{message}</p>}
      {latest.length > 0 && (
        <table id="latest-payments">
          <tbody>
            {latest.map((p) => (
              <tr key={p.id}>
                <td>
                  <a href="#" onClick={(e) => (e.preventDefault(), void open(p.id))}>
                    {p.id}
                  </a>
                </td>
                <td>{p.status}</td>
                <td>
                  {p.amount} {p.currency}
                </td>
                <td>{p.createdAt}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {payment && (
        <div id="payment">
          <h3>
            {payment.id}: <span class="status">{payment.status}</span>
          </h3>
          <p>
            {payment.amount} {payment.currency} from {payment.sourceAccountId} to {payment.destinationAccountId};
            refunded {payment.amountRefunded}
            {payment.failureCode ? `; failed: ${payment.failureCode}` : ''}
          </p>
          <p>
            Risk:{' '}
            {payment.risk
              ? `${payment.risk.decision} (score ${payment.risk.score}; ${payment.risk.reasons.join(', ') || 'no rule fired'})`
              : 'not assessed yet'}
          </p>
          <button onClick={() => void act(`/v1/payments/${payment.id}/cancel`)}>Cancel</button>{' '}
          <button onClick={() => void act(`/v1/payments/${payment.id}/capture`)}>Capture</button>{' '}
          <button onClick={() => void act(`/v1/payments/${payment.id}/refunds`)}>Refund</button>
          <h4>Timeline</h4>
          <ol id="timeline">
            {timeline.map((t) => (
              <li key={t.id}>
                <code>{t.type}</code> from {t.source} at {t.occurredAt}
              </li>
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}
