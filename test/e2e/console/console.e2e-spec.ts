import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { RelayService } from '../../../src/platform/messaging/relay/relay.service';
import { ApiClient } from '../../support/api-client';
import { eventually } from '../../support/eventually';
import { launchChromium } from '../../support/browser';
import { startFullApp } from '../../support/full-app';
import type { TestApp } from '../../support/test-app';
import { TEST_ADMIN_API_KEY } from '../../support/test-env';

/** The backlog column of the messaging page, as numbers (evaluated in the page). */
const BACKLOGS = `[...document.querySelectorAll('#consumers .backlog')].map((cell) => Number(cell.textContent))`;
const SHOTS = resolve(__dirname, '../../../test-results/console');

describe('Operator console (Chromium)', () => {
  let app: TestApp;
  let api: ApiClient;
  let browser: Browser;
  let page: Page;

  const shoot = (name: string) => page.screenshot({ path: resolve(SHOTS, `${name}.png`), fullPage: true });
  const go = async (name: string) => {
    await page.click(`#nav-${name}`);
    await page.waitForSelector(
      `h2:text-is("${name === 'live' ? 'Live events' : name[0].toUpperCase() + name.slice(1)}")`,
    );
  };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    // Not the default, so the page shows the threshold it was given.
    app = await startFullApp({ HEALTH_MAX_EVENT_AGE_SECONDS: '45' });
    api = new ApiClient(app.url);
    browser = await launchChromium();
    // The page's own scripts run under the app's Content-Security-Policy (no eval); only the test's
    // probes (waitForFunction) need to evaluate strings, so the policy is bypassed for them alone.
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('signs in with an admin key, and refuses another', async () => {
    await page.goto(`${app.url}/console`);
    await page.fill('#api-key', 'sk_not_a_key_of_this_platform');
    await page.click('#login button');
    await page.waitForSelector('#login .error');
    await shoot('login');
    await page.fill('#api-key', TEST_ADMIN_API_KEY);
    await page.click('#login button');
    await page.waitForSelector('#consumers tbody tr');
    // The oldest pending age is read against the readiness threshold, as the stats API gives it.
    await page.waitForSelector('#consumers .threshold:text-is("45")');
  });

  it("shows a consumer's backlog fall after payments, retries a dead letter, approves a review, finds a timeline", async () => {
    const relay = app.get(RelayService);
    const rules = (await api.http().get('/v1/risk/rules').expect(200)).body as {
      newAccount: { maxAmount: { default: number } };
    };
    const payer = await api.fundedAccount(2 * rules.newAccount.maxAmount.default);
    const payee = await api.openAccount();
    const pay = async (amount: number) =>
      (await api.createPayment({ sourceAccountId: payer.id, destinationAccountId: payee.id, amount })).body
        .id as string;

    // The relay stands still: payments queue up for their first consumer.
    await relay.stop();
    const plain = [await pay(100), await pay(200), await pay(300)];
    const reviewed = await pay(rules.newAccount.maxAmount.default + 1);
    await page.waitForFunction(`${BACKLOGS}.some((n) => n >= 4)`);
    await shoot('messaging-backlog');
    // One of them goes dead (as if its handler had failed every attempt).
    await app.dataSource.query(
      `UPDATE platform.event_deliveries SET status = 'dead', last_error = 'Failed in the console test', finished_at = now()
       WHERE id = (SELECT d.id FROM platform.event_deliveries d WHERE d.subject = $1 AND d.status = 'pending' LIMIT 1)`,
      [plain[0]],
    );
    relay.start();
    // Given time: beside a full test suite on two cores, 30 s once did not see the backlog drain.
    await page.waitForFunction(`${BACKLOGS}.every((n) => n === 0)`, undefined, { timeout: 90_000 });
    // This test's own dead letter: other suites on this database may have left theirs.
    const deadLetter = '#dead-letters tbody tr:has(td:text-is("Failed in the console test"))';
    await page.waitForSelector(deadLetter);
    await shoot('messaging');
    await page.click(`${deadLetter} button`);
    await page.waitForSelector(deadLetter, { state: 'detached' });
    await api.paymentReaching(plain[0], ['succeeded']);

    await go('risk');
    await page.click(`#reviews tr[data-payment="${reviewed}"] button:text-is("Approve")`);
    await page.waitForSelector(`#reviews tr[data-payment="${reviewed}"]`, { state: 'detached' });
    await shoot('risk');
    await api.paymentReaching(reviewed, ['succeeded']);

    await go('payments');
    await page.fill('#payment-id', plain[0]);
    await page.click('#payment-id + button');
    await page.waitForSelector('#payment .status:text-is("succeeded")');
    await eventually(async () => {
      const types = await page.$$eval('#timeline li code', (codes) => codes.map((c) => c.textContent));
      expect(types).toEqual(expect.arrayContaining(['payment.created', 'risk.assessed', 'payment.succeeded']));
    });
    await shoot('payments');
  }, 150_000);

  it('lists webhook endpoints and follows the live stream', async () => {
    await api
      .http()
      .post('/v1/webhook-endpoints')
      .send({ url: 'https://example.com/hooks', eventTypes: ['payment.succeeded'] });
    await go('webhooks');
    await page.waitForSelector('#endpoints a:text-is("https://example.com/hooks")');
    await shoot('webhooks');

    await go('live');
    await page.fill('#live-type', 'payment.*');
    await page.click('#live-type + button');
    const payer = await api.fundedAccount(1_000);
    const payee = await api.openAccount();
    const created = await api.createPayment({ sourceAccountId: payer.id, destinationAccountId: payee.id, amount: 10 });
    await page.waitForSelector(`#live td:text-is("${created.body.id as string}")`);
    await shoot('live');
  });
});
