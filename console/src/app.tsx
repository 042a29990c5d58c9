import { useState } from 'preact/hooks';
import { apiKey, get } from './api';
import { LivePage } from './pages/live';
import { MessagingPage } from './pages/messaging';
import { PaymentsPage } from './pages/payments';
import { RiskPage } from './pages/risk';
import { WebhooksPage } from './pages/webhooks';

const PAGES = {
  messaging: MessagingPage,
  payments: PaymentsPage,
  risk: RiskPage,
  webhooks: WebhooksPage,
  live: LivePage,
};
type PageName = keyof typeof PAGES;

function Login({ onLogin }: { onLogin: () => void }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState('');
  return (
    <form
      id="login"
      onSubmit={(e) => {
        e.preventDefault();
        apiKey.set(key.trim());
        // An admin key is what the console needs: the messaging stats take `admin`.
        get('/v1/admin/messaging/stats').then(onLogin, (err: Error) => {
          apiKey.clear();
          setError(err.message);
        });
      }}
    >
      <h1>Operator console</h1>
      <label>
        Admin API key{' '}
        <input id="api-key" type="password" value={key} onInput={(e) => setKey(e.currentTarget.value)} size={50} />
      </label>{' '}
      <button type="submit">Sign in</button>
      {error && <p class="error">{error}</p>}
    </form>
  );
}

export function App() {
  const [signedIn, setSignedIn] = useState(apiKey.get() !== null);
  const [page, setPage] = useState<PageName>('messaging');
  if (!signedIn) return <Login onLogin={() => setSignedIn(true)} />;
  const Current = PAGES[page];
  return (
    <div>
      <nav>
        <strong>Payments platform</strong>
        {(Object.keys(PAGES) as PageName[]).map((name) => (
          <a
            href="#"
            id={`nav-${name}`}
            class={name === page ? 'active' : ''}
            onClick={(e) => (e.preventDefault(), setPage(name))}
          >
            {name}
          </a>
        ))}
        <a
          href="#"
          onClick={(e) => {
            e.preventDefault();
            apiKey.clear();
            setSignedIn(false);
          }}
        >
          sign out
        </a>
      </nav>
      <main>
        <Current />
      </main>
    </div>
  );
}
