import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import request from 'supertest';
import { startFullApp } from '../../support/full-app';
import type { TestApp } from '../../support/test-app';

const DEPLOY = resolve(__dirname, '../../../deploy');
const FILES = ['grafana/payments-platform.json', 'prometheus/alerts.yml'];
const METRIC = /\b(?:messaging|http|events)_[a-z0-9_]+/g;
const HISTOGRAM_SERIES = /_(?:bucket|sum|count)$/;

/** The metric names a dashboard or rule file uses (a histogram's `_bucket`/`_sum`/`_count` as the histogram). */
function metricsNamedIn(text: string, exposed: ReadonlySet<string>): Set<string> {
  return new Set(
    [...text.matchAll(METRIC)].map(([name]) => {
      const base = name.replace(HISTOGRAM_SERIES, '');
      return base !== name && exposed.has(base) ? base : name;
    }),
  );
}

describe('Dashboards and alerts (deploy/)', () => {
  let app: TestApp;
  let exposed: Set<string>;

  beforeAll(async () => {
    app = await startFullApp();
    const metrics = await request(app.url).get('/metrics').expect(200);
    exposed = new Set([...metrics.text.matchAll(/^# TYPE (\S+) /gm)].map(([, name]) => name));
  });
  afterAll(() => app.close());

  it.each(FILES)('%s names only metrics that /metrics exposes', (file) => {
    const named = metricsNamedIn(readFileSync(resolve(DEPLOY, file), 'utf8'), exposed);
    expect(named.size).toBeGreaterThan(3);
    expect([...named].filter((name) => !exposed.has(name))).toEqual([]);
  });

  it('would notice a metric that does not exist', () => {
    expect([...metricsNamedIn('rate(messaging_not_a_metric_total[5m])', exposed)]).toEqual([
      'messaging_not_a_metric_total',
    ]);
    expect(exposed.has('messaging_not_a_metric_total')).toBe(false);
  });

  it('the dashboard is valid JSON with its panels', () => {
    const dashboard = JSON.parse(readFileSync(resolve(DEPLOY, FILES[0]), 'utf8')) as { panels: unknown[] };
    expect(dashboard.panels.length).toBeGreaterThan(5);
  });
});
