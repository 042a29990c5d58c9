import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../support/browser';
import { startFullApp } from '../../support/full-app';
import type { TestApp } from '../../support/test-app';
import { TEST_ADMIN_API_KEY } from '../../support/test-env';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('Swagger UI (Chromium): a newcomer trying the API', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;

  /** Opens an operation, presses Try it out, and returns its Idempotency-Key field as Swagger UI filled it. */
  const tryOut = async (operation: string) => {
    const block = `#operations-${operation}`;
    await page.click(`${block} .opblock-summary`);
    await page.click(`${block} .try-out__btn`);
    return page.inputValue(`${block} tr[data-param-name="Idempotency-Key"] input`);
  };
  /** Presses Execute and returns the status Swagger UI shows. */
  const execute = async (operation: string) => {
    const block = `#operations-${operation}`;
    await page.click(`${block} .execute`);
    return Number(await page.textContent(`${block} .live-responses-table .response .response-col_status`));
  };

  beforeAll(async () => {
    app = await startFullApp();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('opens an account, then deposits into it, without editing any Idempotency-Key', async () => {
    await page.goto(`${app.url}/docs`);
    await page.click('.auth-wrapper .authorize');
    await page.fill('.auth-container input', TEST_ADMIN_API_KEY);
    await page.click('.auth-btn-wrapper .authorize');
    await page.click('.btn-done');

    const openKey = await tryOut('Accounts-openAccount');
    expect(openKey).toMatch(UUID);
    expect(await execute('Accounts-openAccount')).toBe(201);
    const account = JSON.parse(
      (await page.textContent(
        '#operations-Accounts-openAccount .live-responses-table .response-col_description pre',
      )) ?? '{}',
    ) as { id: string };

    // The second POST of the walkthrough: with one shared example key it was refused as KEY_REUSED.
    const depositKey = await tryOut('Accounts-createDeposit');
    expect(depositKey).toMatch(UUID);
    expect(depositKey).not.toBe(openKey);
    await page.fill('#operations-Accounts-createDeposit tr[data-param-name="id"] input', account.id);
    expect(await execute('Accounts-createDeposit')).toBe(201);
  });
});
