import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort, startApi, stopProgram, type Program } from '../support/processes';
import { curlCalls, curlPrelude, readmeSnippets, type CurlCall } from './readme-snippets';

// The README's HTTP examples, pasted as a newcomer would: in order, into one shell, against a server just
// started on a fresh data directory. Every call must answer 2xx, and the read-model examples must show
// something, not an empty list.

const run = promisify(execFile);
let dir: string;
let port: number;
let api: Program;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'leadger-readme-'));
  port = await freePort();
  api = await startApi(port, { LEADGER_DATA_DIR: join(dir, 'data') });
}, 90_000);

afterAll(async () => {
  await stopProgram(api);
  rmSync(dir, { recursive: true, force: true });
});

const answerOf = <T>(calls: readonly CurlCall[], route: RegExp): T => {
  const call = calls.find((c) => route.test(c.args));
  if (!call) throw new Error(`no call to ${String(route)} in the README's examples`);
  return JSON.parse(call.body) as T;
};

describe('the README’s HTTP examples', () => {
  it('run as written, in order, on a fresh start: every call answers 2xx, every read model shows something, the Dashboard’s key is issued with its roles', async () => {
    const snippets = readmeSnippets('http');
    expect(snippets.length).toBeGreaterThanOrEqual(3);
    const script = curlPrelude + snippets.join('\n').replaceAll('127.0.0.1:3000', `127.0.0.1:${port}`);
    const log = join(dir, 'curl.log');
    const shell = run('bash', ['-c', script], { cwd: dir, env: { ...process.env, README_CURL_LOG: log } });
    await expect(shell).resolves.toBeDefined();
    const calls = curlCalls(readFileSync(log, 'utf8'));
    expect(calls.length).toBeGreaterThan(40);

    expect(
      answerOf<{ total: { reached: { lead: number } } }>(calls, /\/funnel\?capturedFrom/).total.reached.lead,
    ).toBeGreaterThan(0);
    type Closed = {
      closed: { won: { count: number }; lost: { count: number }; reopened: { count: number } };
    };
    const pipeline = answerOf<Closed & Record<'newBusiness' | 'expansion', Closed>>(calls, /\/pipeline\?/);
    // Ann's first deal, reopened and won, and Lena's lost; then Ann, a customer: an upsell lost, a renewal won.
    expect(pipeline.closed).toMatchObject({ won: { count: 2 }, lost: { count: 2 }, reopened: { count: 1 } });
    expect(pipeline.newBusiness.closed).toMatchObject({ won: { count: 1 }, lost: { count: 1 } });
    expect(pipeline.expansion.closed).toMatchObject({ won: { count: 1 }, lost: { count: 1 } });
    type Items = { items: { leadId: string }[] };
    expect(answerOf<Items>(calls, /\/customer-nurture\?/).items.length).toBe(1);
    expect(answerOf<Items>(calls, /\/nurture\?due=true/).items.length).toBeGreaterThan(0);
    expect(answerOf<Items>(calls, /\/nurture\/claim/).items.length).toBeGreaterThan(0);
    expect(answerOf<Items>(calls, /\/handoffs\?/).items.length).toBeGreaterThan(0);
    expect(answerOf<{ owners: unknown[] }>(calls, /\/handoffs\/summary/).owners.length).toBeGreaterThan(0);
    expect(answerOf<{ events: unknown[] }>(calls, /\/history/).events.length).toBeGreaterThan(5);
    // The lead index: Ann by her address, as typed; the leads in nurture; the erased address finds no one.
    expect(answerOf<Items>(calls, /email=Ann\.Lee@Example\.com/).items).toHaveLength(1);
    expect(answerOf<Items>(calls, /\/leads\?source=ads&stage=nurture/).items.length).toBeGreaterThan(0);
    expect(answerOf<Items>(calls, /email=gone@example\.com/).items).toEqual([]);
    type Campaigns = { campaigns: { campaign: string; won: { anyTouch: { deals: number } } }[] };
    // Ann's deals (her first, and her upsell) were won after she came in through q3-launch.
    const q3 = answerOf<Campaigns>(calls, /\/funnel\/campaigns/).campaigns.find(
      (c) => c.campaign === 'q3-launch',
    );
    expect(q3?.won.anyTouch.deals).toBeGreaterThan(0);
    type Parts = { parts: { name: string; now: number }[] };
    expect(answerOf<Parts>(calls, /\/funnel\/parts/).parts.map((p) => p.name)).toEqual([
      'ToFu',
      'MoFu',
      'BoFu',
      'customers',
    ]);
    // The worked example of Policies: the MQL was routed by the policy to the owner back from leave.
    type History = { events: { type: string; data: { toOwner?: string }; metadata: { actor: string } }[] };
    const routed = answerOf<History>(calls, /\/history$/).events.at(-1);
    expect(routed).toMatchObject({
      type: 'LeadHandedOff',
      data: { toOwner: 'carol' },
      metadata: { actor: 'policy:routing' },
    });
    // The Dashboard's key for a person, made with the bootstrap admin key: the token to paste at sign-in.
    type Issued = { token: string; key: { name: string; roles: string[]; issuedBy: string } };
    const dashboard = answerOf<Issued>(calls, /\/keys -d \{"name":"dashboard"/);
    expect(dashboard.token).toMatch(/^lgr_/);
    expect(dashboard.key).toMatchObject({ name: 'dashboard', roles: ['auditor', 'sales_manager'] });
  }, 120_000);
});
