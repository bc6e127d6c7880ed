import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@leadger/config';
import { SqliteEventStore, SQLITE_EVENTS_FILE } from '@leadger/event-store';
import { defaultRules } from '@leadger/policies';
import { loadRules, POLICIES, POLICIES_STREAM, rulesDigest } from '@leadger/policy-runtime';
import { command, eventStoreOf, historyOf, send, type HistoryEntry, type Reply } from '../support/lead-api';
import type { ReadStore } from '@leadger/read-store';
import { READ_STORE } from '../../apps/api/src/read-models/read-store.provider';
import { TestClock } from '../policies/policy-harness';
import { eventually } from '../projections/support/read-models';
import { bodies, leadAt } from '../support/lead-journeys';
import { getOwners, ownerBody, putOwner } from '../support/owner-api';
import { startTestApp, type TestApp } from '../support/test-app';

// The rules file as the API runs with it: shown at GET /policies, recorded as PoliciesChanged once per
// change however often the API starts, and in force for the commands and the pipeline.

jest.setTimeout(60_000);

let dir: string;
const running: TestApp[] = [];

beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'leadger-policies-e2e-'))));
afterAll(async () => {
  await Promise.all(running.map((app) => app.close()));
  rmSync(dir, { recursive: true, force: true });
});

/** Writes the rules file `name` (in the temp dir) with `text`; its path. */
function rulesFile(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** The API started on `dataDir` with the rules file at `path`, on the system clock unless given another. */
async function start(dataDir: string, path: string, clock?: () => Date): Promise<TestApp> {
  const test = await startTestApp(dataDir, { LEADGER_POLICIES: path }, clock);
  running.push(test);
  return test;
}

async function stop(test: TestApp): Promise<void> {
  running.splice(running.indexOf(test), 1);
  await test.close();
}

interface PoliciesAnswer {
  digest: string;
  source: string;
  rules: typeof defaultRules;
  changedAt: string;
  position: string;
}

async function policiesOf(test: TestApp): Promise<PoliciesAnswer> {
  const reply = await send(test.app, { method: 'GET', url: '/policies', headers: test.auth });
  expect(reply.statusCode).toBe(200);
  return reply.json<PoliciesAnswer>();
}

/** The PoliciesChanged events of the log: digest, actor and position. */
async function recorded(test: TestApp) {
  const read = await eventStoreOf(test.app).readStream(POLICIES_STREAM);
  if (!read.found) return [];
  return read.events.map((event) => ({
    type: event.type,
    digest: event.data.digest,
    actor: event.metadata.actor,
    position: event.position.toString(),
  }));
}

const problem = (reply: Reply) => ({ status: reply.statusCode, ...reply.json<object>() });

describe('GET /policies and PoliciesChanged', () => {
  it('answers the rules in force and records them once per change, however often the API starts', async () => {
    const dataDir = mkdtempSync(join(dir, 'data-'));
    const file = rulesFile('rules.yaml', 'sla:\n  hours: 12\n');
    const first = await start(dataDir, file);
    const shown = await policiesOf(first);
    const digest = loadRules(file).digest;
    expect(shown).toEqual({
      digest,
      source: file,
      rules: { ...defaultRules, sla: { ...defaultRules.sla, hours: 12 } },
      changedAt: expect.any(String),
      position: expect.stringMatching(/^\d+$/),
    });
    expect(await recorded(first)).toEqual([
      { type: 'PoliciesChanged', digest, actor: 'system', position: shown.position },
    ]);
    await stop(first);

    // The same rules again, written otherwise (JSON, a default spelled out): nothing new is recorded.
    const same = rulesFile('rules.json', JSON.stringify({ sla: { hours: 12, then: 'reject' } }));
    const second = await start(dataDir, same);
    expect(await policiesOf(second)).toEqual({ ...shown, source: same });
    expect(await recorded(second)).toHaveLength(1);
    await stop(second);

    writeFileSync(file, 'sla:\n  hours: 6\n');
    const third = await start(dataDir, file);
    const changed = await policiesOf(third);
    expect(changed.digest).toBe(loadRules(file).digest);
    expect(changed.digest).not.toBe(digest);
    expect(Date.parse(changed.changedAt)).toBeGreaterThanOrEqual(Date.parse(shown.changedAt));
    expect(await recorded(third)).toEqual([
      { type: 'PoliciesChanged', digest, actor: 'system', position: shown.position },
      { type: 'PoliciesChanged', digest: changed.digest, actor: 'system', position: changed.position },
    ]);
    await stop(third);
  });

  it('shows the shipped defaults when LEADGER_POLICIES is not set', async () => {
    const test = await startTestApp();
    try {
      expect(await policiesOf(test)).toMatchObject({
        digest: rulesDigest(defaultRules),
        source: 'config/policies.yaml',
        rules: defaultRules,
      });
    } finally {
      await test.dispose();
    }
  });

  it('refuses to start on a bad file, naming the line and the field, and records nothing', async () => {
    const dataDir = mkdtempSync(join(dir, 'data-'));
    const file = rulesFile('bad.yaml', '# the SLA\nsla:\n  hours: -4\n');
    const started = startTestApp(dataDir, { LEADGER_POLICIES: file });
    await expect(started).rejects.toThrow(ConfigError);
    await expect(started).rejects.toThrow(`${file}:3: sla.hours must be a positive number`);
    const store = new SqliteEventStore({ path: join(dataDir, SQLITE_EVENTS_FILE) });
    try {
      expect(await store.readStream(POLICIES_STREAM)).toEqual({ found: false });
    } finally {
      await store.close();
    }
  });
});

describe('the rules in force, for commands and the pipeline', () => {
  let test: TestApp;

  beforeAll(async () => {
    const file = rulesFile(
      'custom.yaml',
      [
        'sla: { hours: 2 }',
        'nurture:',
        '  revisitDays: { wrong_region: 30, default: 10 }',
        'reasons:',
        '  reject: [not_a_fit, wrong_region, other]',
        '  lost: [pricing, budget_cut, other]',
        '  disqualify: [spam, bot, other]',
        'winProbabilities: { prospecting: 0.2, evaluation: 0.5, commitment: 0.9 }',
      ].join('\n'),
    );
    test = await start(mkdtempSync(join(dir, 'data-')), file);
  });

  /** How long after its event's time the due date `field` of a history entry is. */
  const dueAfter = (entry: HistoryEntry, field: string) =>
    Date.parse(String((entry.data as Record<string, unknown>)[field])) -
    Date.parse(String(entry.metadata.occurredAt));

  it('takes a reason of the file, with the revisit days and SLA the file sets', async () => {
    const leadId = await leadAt(test.app, 'handedOff');
    expect((await command(test.app, leadId, 'reject', { reason: 'wrong_region' })).statusCode).toBe(200);
    const history = await historyOf(test.app, leadId);
    const handoff = history.find((entry) => entry.type === 'LeadHandedOff')!;
    const recycled = history.find((entry) => entry.type === 'LeadRecycled')!;
    expect(dueAfter(handoff, 'slaDueAt')).toBe(2 * 3_600_000);
    expect(recycled.data).toMatchObject({ reason: 'wrong_region' });
    expect(dueAfter(recycled, 'revisitAt')).toBe(30 * 86_400_000);
  });

  it('refuses a reason the file does not list, 422 naming the field and listing the allowed', async () => {
    const handedOff = await leadAt(test.app, 'handedOff');
    expect(problem(await command(test.app, handedOff, 'reject', bodies.reject))).toMatchObject({
      status: 422,
      command: 'RejectLead',
      field: 'reason',
      detail: 'RejectLead: reason must be one of not_a_fit, wrong_region, other',
    });
    const sql = await leadAt(test.app, 'sql');
    expect(problem(await command(test.app, sql, 'lost', { reason: 'competitor' }))).toMatchObject({
      status: 422,
      field: 'reason',
      detail: 'CloseLost: reason must be one of pricing, budget_cut, other',
    });
    expect((await command(test.app, sql, 'lost', { reason: 'budget_cut', recycle: false })).statusCode).toBe(
      200,
    );
    expect(problem(await command(test.app, sql, 'recycle', { reason: 'timing' }))).toMatchObject({
      status: 422,
      field: 'reason',
    });
    const lead = await leadAt(test.app, 'lead');
    expect(problem(await command(test.app, lead, 'disqualify', { reason: 'student' }))).toMatchObject({
      status: 422,
      field: 'reason',
      detail: 'DisqualifyLead: reason must be one of spam, bot, other',
    });
    expect((await command(test.app, lead, 'disqualify', { reason: 'bot' })).statusCode).toBe(200);
  });

  it('weighs the pipeline with the file’s win probabilities', async () => {
    const reply = await send(test.app, { method: 'GET', url: '/pipeline', headers: test.auth });
    expect(reply.json()).toMatchObject({
      probabilities: { prospecting: 0.2, evaluation: 0.5, commitment: 0.9 },
    });
  });
});

describe('routing over the roster kept with PUT /owners', () => {
  const clock = new TestClock(new Date('2026-11-23T10:00:00.000Z'));
  let test: TestApp;

  beforeAll(async () => {
    const file = rulesFile('routing.yaml', 'routing:\n  teams: [inbound]\n');
    test = await start(mkdtempSync(join(dir, 'data-')), file, clock.read);
    for (const [ownerId, profile] of [
      ['ana', { teams: ['inbound'], capacity: 1 }],
      ['ben', { teams: ['outbound'] }],
      ['cy', { teams: ['inbound'], active: false }],
    ] as const)
      expect((await putOwner(test.app, ownerId, ownerBody(profile))).statusCode).toBe(201);
  });

  /** A new lead made an MQL by hand; its id and the position of its MQL. */
  async function mql(): Promise<{ leadId: string; position: bigint }> {
    const leadId = await leadAt(test.app, 'lead');
    const reply = await command(test.app, leadId, 'mql', bodies.mql);
    expect(reply.statusCode).toBe(200);
    return { leadId, position: BigInt(reply.json<{ position: string }>().position) };
  }

  async function handoffsOf(leadId: string): Promise<HistoryEntry[]> {
    return (await historyOf(test.app, leadId)).filter((entry) => entry.type === 'LeadHandedOff');
  }

  /** The lead's handoffs once it has one, waiting for the policies. */
  async function handoffs(leadId: string): Promise<HistoryEntry[]> {
    let found: HistoryEntry[] = [];
    await eventually(`a handoff of ${leadId}`, async () => {
      found = await handoffsOf(leadId);
      return found.length > 0;
    });
    return found;
  }

  it('hands an MQL to the active owner of the team, and counts it against their capacity', async () => {
    const { leadId } = await mql();
    const [handoff] = await handoffs(leadId);
    expect(handoff).toMatchObject({
      data: { toOwner: 'ana' },
      metadata: { actor: 'policy:routing', policy: { name: 'routing', rule: 'routing.teams' } },
    });
    await eventually('ana’s load to count the handoff', async () => {
      const reply = await getOwners(test.app, { ownerId: 'ana' });
      return reply.json<{ load: number | null }>().load === 1;
    });
  });

  it('keeps the next MQL waiting while nobody can take it, and hands it to an owner back from leave', async () => {
    const { leadId, position } = await mql();
    // Ana is full, ben is in another team, cy is away: the policies look at the lead and leave it.
    const readStore = test.app.get<symbol, ReadStore>(READ_STORE);
    await eventually('the policies to see the MQL', async () => {
      const checkpoint = (await readStore.readCheckpoints([POLICIES])).get(POLICIES);
      return checkpoint !== null && checkpoint !== undefined && checkpoint.position >= position;
    });
    expect(await handoffsOf(leadId)).toEqual([]);

    const back = await putOwner(test.app, 'cy', ownerBody({ teams: ['inbound'], active: true }));
    expect(back.json()).toMatchObject({ active: true, revision: '1', events: ['OwnerSet'] });
    // A waiting MQL is looked at again after RETRY_MS (five minutes).
    clock.advanceHours(0.1);
    const [handoff] = await handoffs(leadId);
    expect(handoff).toMatchObject({ data: { toOwner: 'cy' }, metadata: { actor: 'policy:routing' } });
  });
});
