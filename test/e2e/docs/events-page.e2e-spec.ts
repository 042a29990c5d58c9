import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../support/browser';
import { startFullApp } from '../../support/full-app';
import type { TestApp } from '../../support/test-app';

type Styled = { getComputedStyle(element: unknown): { maxWidth: string } };

describe('The events page (Chromium), under the Content-Security-Policy', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  const refused: string[] = [];

  beforeAll(async () => {
    app = await startFullApp();
    browser = await launchChromium();
    // Not bypassed: the page must work under the policy the app sends.
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('console', (message) => {
      if (message.type() === 'error') refused.push(message.text());
    });
    page.on('requestfailed', (request) => refused.push(`${request.url()}: ${request.failure()?.errorText}`));
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('renders every event with its publisher and consumers, styled, with nothing refused', async () => {
    await page.goto(`${app.url}/docs/events`);
    expect(await page.title()).toBe('Integration events · Payments platform');
    // The inline style applied: the policy let it through.
    // (The tests compile without the DOM's types: the page's globals are reached through globalThis.)
    const maxWidth = await page.$eval(
      'body',
      (body) => (globalThis as unknown as Styled).getComputedStyle(body).maxWidth,
    );
    expect(maxWidth).toBe('1120px');

    const section = page.locator('section[id="transfer.requested-v1"]');
    await expect(section.locator('dd').first().textContent()).resolves.toBe('payments');
    await expect(section.locator('dd').nth(2).textContent()).resolves.toContain('accounts.execute-transfer');
    await expect(section.locator('tbody tr').count()).resolves.toBeGreaterThan(5);

    await page.click('a[href="#payment.created-v1"]');
    await expect(page.locator('section[id="payment.created-v1"] h3').textContent()).resolves.toContain(
      'payment.created',
    );
    expect(refused).toEqual([]);
  });
});
