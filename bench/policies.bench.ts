import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore, SQLITE_EVENTS_FILE, type RecordedEvent } from '@leadger/event-store';
import type { Figure } from './support/figures';
import {
  adminHeaders,
  CONNECTIONS,
  drive,
  keyHeaders,
  latency,
  shapes,
  withShape,
  type Shape,
} from './support/http-load';
import { tempDir } from './support/temp-dir';
import { progress } from './support/timing';

// 4. Policy lag: from an event's append to the append of the effect a policy made of it (recordedAt of the
// effect minus recordedAt of its causationId), while captures pour in over HTTP. Every capture is an MQL by
// rule (auto-MQL, caused by the capture) and is then routed round-robin to one of four owners (routing,
// caused by the MQL). Measured at a paced rate, as a busy marketing site sends leads, and at full load,
// where the policies fall behind the captures and the lag is the backlog; in both deployment shapes.

const OWNERS = ['ava', 'ben', 'cho', 'dev'];
const PACED_RATE = 200;
const RULES = `
mql:
  rules:
    - name: every capture
      minScore: 0
routing:
  enabled: true
`;

export async function policiesBench(options: { seconds: number }): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const shape of shapes)
    for (const rate of [PACED_RATE, undefined]) figures.push(await policyLag(shape, rate, options.seconds));
  return figures;
}

async function policyLag(shape: Shape, rate: number | undefined, seconds: number): Promise<Figure> {
  const load = rate ? `${rate} captures/s` : `full load, ${CONNECTIONS} connections`;
  const rulesDir = tempDir('policies');
  const rulesFile = join(rulesDir.path, 'policies.yaml');
  writeFileSync(rulesFile, RULES);
  try {
    return await measure(shape, rate, seconds, load, rulesFile);
  } finally {
    rulesDir.remove();
  }
}

async function measure(
  shape: Shape,
  rate: number | undefined,
  seconds: number,
  load: string,
  rulesFile: string,
): Promise<Figure> {
  return withShape(shape, { LEADGER_POLICIES: rulesFile }, async (origin, dataDir) => {
    for (const ownerId of OWNERS) {
      const reply = await fetch(`${origin}/owners/${ownerId}`, {
        method: 'PUT',
        headers: adminHeaders(dataDir),
        body: JSON.stringify({ name: ownerId, teams: ['sdr'], active: true }),
      });
      if (reply.status >= 300) throw new Error(`PUT /owners answered ${reply.status}: ${await reply.text()}`);
    }
    const headers = await keyHeaders(origin, dataDir, ['service']);
    progress(`policies: POST /leads at ${load}, ${shape.name}, ${seconds} s`);
    const captures = await drive(
      origin,
      seconds,
      (i) => ({ path: '/leads', body: JSON.stringify({ email: `p${i}@bench.test`, source: 'bench' }) }),
      headers,
      rate,
    );
    const store = new SqliteEventStore({ path: join(dataDir, SQLITE_EVENTS_FILE) });
    try {
      const drained = await untilRouted(store);
      const lags = policyLags(await leadEvents(store));
      const p = (q: number) => lags[Math.min(lags.length - 1, Math.floor(q * lags.length))];
      return {
        id: `policies.lag.${shape.id}.${rate ? 'paced' : 'full-load'}`,
        name: `policy lag (event → effect appended), ${shape.name}, ${load}`,
        value: p(0.99),
        unit: 'ms p99',
        baseline: { name: 'HTTP p99 of the captures', value: captures.p99, unit: 'ms' },
        target: { text: 'p99 < 1 s', met: p(0.99) < 1000 },
        notes: `p50 ${p(0.5)} ms, max ${lags.at(-1)} ms over ${lags.length} effects; captures ${Math.round(captures.rps)}/s, ${latency(captures)}; every lead routed ${drained} ms after the load ended`,
      };
    } finally {
      await store.close();
    }
  });
}

async function leadEvents(store: SqliteEventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (;;) {
    const page = await store.readAll({
      after: events.at(-1)?.position,
      maxCount: 10_000,
      filter: { streamNamePrefixes: ['lead-'] },
    });
    if (page.length === 0) return events;
    events.push(...page);
  }
}

/** Waits until every captured lead has been handed off; how long that took, ms. */
async function untilRouted(store: SqliteEventStore): Promise<number> {
  const start = Date.now();
  for (;;) {
    const events = await leadEvents(store);
    const count = (type: string) => events.filter((event) => event.type === type).length;
    if (count('LeadHandedOff') >= count('LeadCaptured')) return Date.now() - start;
    if (Date.now() - start > 300_000) throw new Error('the policies did not route every lead in 5 minutes');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Each policy effect's lag behind its cause, ms, sorted. */
function policyLags(events: readonly RecordedEvent[]): number[] {
  const recordedAt = new Map(
    events.map((event) => [event.id, Date.parse(String(event.metadata.recordedAt))]),
  );
  const lags: number[] = [];
  for (const event of events) {
    if (!String(event.metadata.actor).startsWith('policy:')) continue;
    const cause = recordedAt.get(String(event.metadata.causationId));
    if (cause !== undefined) lags.push(Date.parse(String(event.metadata.recordedAt)) - cause);
  }
  return lags.sort((a, b) => a - b);
}
