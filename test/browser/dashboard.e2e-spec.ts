import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { capture, command } from '../support/lead-api';
import { bodies, leadAt, uniqueEmail } from '../support/lead-journeys';
import { startTestApp, type TestApp } from '../support/test-app';
import { figuresOn, launch, raw, screenshotFolder, seriousViolations } from './browser';

// The dashboard in real Chromium against the real app on a port: each page shows exactly the API's
// figures, the funnel follows the as-of date, a lead's timeline is there, a token without the role is
// refused plainly, and axe-core finds nothing serious.

// A page waits for its figures, and the live test for the next poll (every 5 s).
jest.setTimeout(30_000);

let api: TestApp;
let base: string;
let browser: Browser;
let page: Page;
let shots: string;
const token = () => (api.auth.authorization ?? '').replace(/^Bearer /, '');
const timings: Record<string, number> = {};

// Leads captured in January and March 2025 and walked to each stage, so the funnel as of 31 January
// differs from today's.
const seeded = [
  ['won', '2025-01-10'],
  ['lost', '2025-01-12'],
  ['sql', '2025-01-14'],
  ['sal', '2025-03-02'],
  ['handedOff', '2025-03-03'],
  ['nurture', '2025-03-04'],
  ['mql', '2025-03-05'],
  ['lead', '2025-03-06'],
  ['disqualified', '2025-03-07'],
] as const;
let wonLead: string;

beforeAll(async () => {
  api = await startTestApp();
  const leads = [];
  for (const [stage, day] of seeded) {
    leads.push(await leadAt(api.app, stage, uniqueEmail(`dash-${stage}`), new Date(`${day}T09:00:00Z`)));
  }
  wonLead = leads[0];
  await api.app.listen(0, '127.0.0.1');
  base = await api.app.getUrl();
  base = base.replace('[::1]', '127.0.0.1');
  browser = await launch();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  shots = screenshotFolder();
  await signIn(token());
}, 60_000);

afterAll(async () => {
  console.log(`dashboard page timings (ms to figures): ${JSON.stringify(timings)}`);
  await browser?.close();
  await api?.dispose();
});

async function signIn(secret: string): Promise<void> {
  await page.goto(`${base}/app/`);
  await page.getByLabel('API token').fill(secret);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Opens a hash route and waits until `figure` shows; records how long that took. */
async function open(route: string, figure: string): Promise<void> {
  const started = Date.now();
  await page.goto(`${base}/app/#${route}`);
  await page.locator(`[data-figure="${figure}"]`).first().waitFor();
  // The first opening (1280×800) counts; the phone-width pass reopens the same routes.
  timings[route] ??= Date.now() - started;
}

async function apiGet<T>(url: string): Promise<T> {
  const reply = await api.app.inject({ method: 'GET', url, headers: api.auth });
  expect({ url, status: reply.statusCode }).toEqual({ url, status: 200 });
  return reply.json<T>();
}

async function checkPage(name: string, expected: Record<string, string>): Promise<void> {
  const shown = await figuresOn(page);
  expect(Object.keys(expected).length).toBeGreaterThan(0);
  for (const [key, value] of Object.entries(expected))
    expect({ key, value: shown[key] }).toEqual({ key, value });
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
  expect(await seriousViolations(page)).toEqual([]);
}

interface Funnel {
  readonly total: { reached: Record<string, number>; conversion: Record<string, number | null> };
  readonly groups: { key: string | null; figures: { reached: Record<string, number> } }[];
}

function funnelFigures(funnel: Funnel, parts: { parts: { name: string; now: number; entered: number }[] }) {
  const expected: Record<string, string> = {};
  for (const [stage, n] of Object.entries(funnel.total.reached))
    expected[`funnel.total.reached.${stage}`] = raw(n);
  for (const [step, r] of Object.entries(funnel.total.conversion))
    expected[`funnel.total.conversion.${step}`] = raw(r);
  for (const g of funnel.groups)
    for (const [stage, n] of Object.entries(g.figures.reached))
      expected[`funnel.groups.${g.key ?? '(none)'}.reached.${stage}`] = raw(n);
  for (const p of parts.parts) {
    expected[`parts.${p.name}.now`] = raw(p.now);
    expected[`parts.${p.name}.entered`] = raw(p.entered);
  }
  return expected;
}

describe('the dashboard in Chromium', () => {
  it('shows the funnel exactly as GET /funnel and /funnel/parts answer it', async () => {
    await open('/funnel', 'funnel.total.reached.lead');
    const expected = funnelFigures(await apiGet('/funnel?groupBy=source'), await apiGet('/funnel/parts'));
    expect(expected['funnel.total.reached.lead']).toBe(String(seeded.length));
    await checkPage('funnel', expected);
  });

  it('shows the funnel as it stood on the as-of date picked', async () => {
    await open('/funnel', 'funnel.total.reached.lead');
    await page.getByLabel('As of').fill('2025-01-31');
    await page.locator('[data-figure="funnel.total.reached.lead"][data-value="3"]').waitFor();
    const expected = funnelFigures(
      await apiGet('/funnel?groupBy=source&asOf=2025-01-31'),
      await apiGet('/funnel/parts?asOf=2025-01-31'),
    );
    expect(expected['funnel.total.reached.lead']).toBe('3');
    await checkPage('funnel-as-of', expected);
  });

  it('shows the pipeline as GET /pipeline answers it', async () => {
    await open('/pipeline', 'pipeline.closed.winRate');
    const p = await apiGet<{
      open: {
        total: { count: number; weightedAmount: number };
        byStage: { stage: string; count: number; weightedAmount: number }[];
      };
      closed: { won: { count: number }; lost: { count: number }; winRate: number | null };
    }>('/pipeline');
    const expected: Record<string, string> = {
      'pipeline.open.stage.total.count': raw(p.open.total.count),
      'pipeline.open.stage.total.weightedAmount': raw(p.open.total.weightedAmount),
      'pipeline.closed.won.count': raw(p.closed.won.count),
      'pipeline.closed.lost.count': raw(p.closed.lost.count),
      'pipeline.closed.winRate': raw(p.closed.winRate),
    };
    for (const s of p.open.byStage)
      expected[`pipeline.open.stage.${s.stage}.weightedAmount`] = raw(s.weightedAmount);
    expect(p.closed.won.count).toBe(1);
    await checkPage('pipeline', expected);
  });

  it('shows the handoff figures by owner and source as GET /handoffs/summary answers them', async () => {
    await open('/handoffs', 'handoffs.owner.bob.pending');
    const s = await apiGet<{
      owners: { owner: string; pending: number; accepted: number; rejected: number; breaches: number }[];
      sources: { source: string; rejected: number; rejectionRate: number | null }[];
    }>('/handoffs/summary');
    const expected: Record<string, string> = {};
    for (const o of s.owners)
      for (const k of ['pending', 'accepted', 'rejected', 'breaches'] as const)
        expected[`handoffs.owner.${o.owner}.${k}`] = raw(o[k]);
    for (const src of s.sources)
      expected[`handoffs.source.${src.source}.rejectionRate`] = raw(src.rejectionRate);
    await checkPage('handoffs', expected);
  });

  it('shows the nurture queues as GET /nurture and /customer-nurture list them', async () => {
    await open('/nurture', 'nurture.count');
    const nurture = await apiGet<{ items: unknown[] }>('/nurture?limit=200');
    const customers = await apiGet<{ items: unknown[] }>('/customer-nurture?limit=200');
    expect(nurture.items.length).toBe(1);
    await checkPage('nurture', {
      'nurture.count': raw(nurture.items.length),
      'customerNurture.count': raw(customers.items.length),
    });
  });

  it('finds leads by stage and opens one lead’s timeline', async () => {
    await open('/leads', 'leads.count');
    await page.getByLabel('stage').fill('won');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.locator('[data-figure="leads.count"][data-value="1"]').waitFor();
    await checkPage('leads', { 'leads.count': '1', [`leads.${wonLead}.stage`]: 'won' });

    const started = Date.now();
    await page.getByRole('link', { name: wonLead.slice(0, 8) }).click();
    await page.locator('[data-figure="lead.events"]').waitFor();
    timings['/leads/<id>'] = Date.now() - started;
    const history = await apiGet<{ events: { revision: string; type: string }[] }>(
      `/leads/${wonLead}/history?limit=500`,
    );
    const chain = await apiGet<{ verified: boolean }>(`/leads/${wonLead}/chain`);
    expect(chain.verified).toBe(true);
    const expected: Record<string, string> = {
      'lead.stage': 'won',
      'lead.events': raw(history.events.length),
      'lead.chain.verified': raw(chain.verified),
    };
    for (const e of history.events) expected[`lead.event.${e.revision}`] = e.type;
    expect(history.events[0].type).toBe('LeadCaptured');
    await checkPage('lead', expected);
  });

  it('shows an erased lead as erased, its chain still verified', async () => {
    const erased = await leadAt(api.app, 'lead', uniqueEmail('dash-erased'));
    expect((await command(api.app, erased, 'erase', {})).statusCode).toBe(200);
    await open(`/leads/${erased}`, 'lead.erased');
    await page.locator('[data-figure="lead.chain.verified"]').waitFor();
    await checkPage('lead-erased', { 'lead.erased': 'true', 'lead.chain.verified': 'true' });
  });

  it('follows a new lead without a reload', async () => {
    await open('/funnel', 'funnel.total.reached.lead');
    const before = Number((await figuresOn(page))['funnel.total.reached.lead']);
    expect((await capture(api.app, bodies.capture(uniqueEmail('dash-live')))).statusCode).toBe(201);
    await page
      .locator(`[data-figure="funnel.total.reached.lead"][data-value="${before + 1}"]`)
      .waitFor({ timeout: 15_000 });
  });

  it('fits a 390 px phone screen: no page wider than the screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      for (const [route, figure] of [
        ['/funnel', 'funnel.total.reached.lead'],
        ['/pipeline', 'pipeline.closed.winRate'],
        ['/handoffs', 'handoffs.owner.bob.pending'],
        ['/leads', 'leads.count'],
      ] as const) {
        await open(route, figure);
        const width = await page.evaluate('document.documentElement.scrollWidth');
        expect({ route, width }).toEqual({ route, width: 390 });
      }
      await page.screenshot({ path: join(shots, 'funnel-phone.png') });
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });

  it('tells a token without the role which roles the page needs, and sends a refused token to sign-in', async () => {
    const metricsOnly = await api.keyFor('dash-metrics', ['metrics']);
    const refused = await api.app.inject({ method: 'GET', url: '/funnel', headers: metricsOnly });
    expect(refused.statusCode).toBe(403);
    const { requiredRoles } = refused.json<{ requiredRoles: string[] }>();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn((metricsOnly.authorization ?? '').replace(/^Bearer /, ''));
    const alert = page.getByRole('alert');
    await alert.waitFor();
    for (const role of requiredRoles) expect(await alert.textContent()).toContain(role);
    await page.screenshot({ path: join(shots, 'refused.png') });
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn('not-a-token');
    await page.waitForFunction("sessionStorage.getItem('leadger.token') === null");
    await page.getByLabel('API token').waitFor();
  });
});
