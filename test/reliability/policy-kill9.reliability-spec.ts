import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore, RecordedEvent } from '@leadger/event-store';
import { leadStream, setOwner, toLeadEvent } from '@leadger/lead-application';
import { evolveDetails, noDetails, type OwnerProfile } from '@leadger/lead-domain';
import { reconcile, slaBreachesOf, type OwnerBook } from '@leadger/policies';
import { loadRules } from '@leadger/policy-runtime';
import { allProjections, rebuildProjections } from '@leadger/projections';
import { SqliteReadStore } from '@leadger/read-store';
import { command, eventStoreOf, send } from '../support/lead-api';
import { startTestApp, type TestApp } from '../support/test-app';
import { allEvents, dumpAll, eventually } from '../projections/support/read-models';
import { WORKER_MAIN, killProgram, startProgram, stopProgram, type Program } from '../support/processes';
import { killAgainAndAgain } from './support/kill-again';
import { fullMode, mode, seedFrom } from './support/mode';
import { random } from '../projections/support/generate-history';

// The policy worker (apps/worker, a child process) killed with SIGKILL again and again while 2,000 leads
// flow through every policy: scoring (auto-MQL), routing, SLA breach (reassign, then reject back to
// nurture) and nurture due (re-engage as MQL, then routed again). The API runs in this process with its
// own runner and projector off, as in production; this test plays sales, accepting and rejecting what
// the policies hand off. Afterwards every effect happened exactly once (one command per policy and
// cause), none was missed (the policies, asked about every lead as it ends, have nothing left to do),
// each kind of lead took exactly the steps the rules give it, and the read models equal a rebuild.

const LEADS = 2_000;
const SEED = seedFrom('LEADGER_RELIABILITY_SEED', 13);
const OWNERS = ['ava', 'ben', 'cho'];
/** Worker lifetimes between kills, ms: short enough to land inside catch-ups, commits and timers. */
const LIFETIME = { min: 400, max: fullMode ? 3_000 : 2_000 };

/**
 * What a lead is, by its index: each kind meets a different set of policies, and ends somewhere known.
 * - `cold`: score too low, stays a lead; `offRule`: enough score but a source no rule takes, stays a lead.
 * - `accepted`: auto-MQL, routed, accepted by sales.
 * - `breached`: from a source with a 2-second SLA, never answered: reassigned once, then rejected back to
 *   nurture by the SLA policy (revisit in 90 days).
 * - `revisited`: rejected by sales with a revisit 2 s later; nurture due re-engages it as an MQL, routing
 *   hands it off again, and sales accepts it.
 */
const kinds = ['cold', 'offRule', 'accepted', 'breached', 'revisited'] as const;
type Kind = (typeof kinds)[number];
const kindOf = (index: number): Kind => kinds[index % kinds.length];

/** The policy commands each kind must receive, as `policy → how many`. */
const expectedEffects: Record<Kind, Record<string, number>> = {
  cold: {},
  offRule: {},
  accepted: { 'auto-mql': 1, routing: 1 },
  breached: { 'auto-mql': 1, routing: 1, 'sla-breach': 2 },
  revisited: { 'auto-mql': 1, routing: 2, 'nurture-due': 1 },
};
const finalStage: Record<Kind, string> = {
  cold: 'lead',
  offRule: 'lead',
  accepted: 'sal',
  breached: 'nurture',
  revisited: 'sal',
};

const RULES = `
mql:
  rules:
    - name: engaged
      minScore: 50
      sources: [webinar, event]
routing:
  enabled: true
sla:
  hours: 1
  segments:
    - name: fast
      sources: [event]
      hours: 0.0005
  maxReassignments: 1
  then: reject
nurture:
  onDue: reengage-mql
`;

describe(`the policy worker killed with SIGKILL while ${LEADS} leads flow through every policy (${mode})`, () => {
  let dir: string;
  let api: TestApp;
  let store: EventStore;
  let worker: Program | undefined;
  const rulesFile = () => join(dir, 'policies.yaml');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'leadger-policy-kill9-'));
    writeFileSync(rulesFile(), RULES);
    api = await startTestApp(dir, {
      LEADGER_POLICIES: rulesFile(),
      LEADGER_POLICIES_RUNNER: 'off',
      LEADGER_PROJECTOR: 'off',
    });
    store = eventStoreOf(api.app);
  });

  afterAll(async () => {
    if (worker) await killProgram(worker);
    await api.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  const startWorker = () =>
    startProgram(WORKER_MAIN, {
      LEADGER_DATA_DIR: dir,
      LEADGER_EVENTSTORE: '',
      EVENTSTORE_URL: '',
      DATABASE_URL: '',
      REDIS_URL: '',
      LEADGER_POLICIES: rulesFile(),
      LEADGER_POLICIES_TICK_MS: '100',
      LEADGER_PROJECTOR_BATCH: '50',
      LEADGER_PROJECTOR_LEASE_MS: '500',
      LOG_LEVEL: 'warn',
    });

  it('applies every effect exactly once, misses none, and leaves read models equal to a rebuild', async () => {
    const next = random(SEED);
    for (const ownerId of OWNERS) await addOwner(store, ownerId);
    const kindById = new Map<string, Kind>();
    // What went wrong in the background loops, asserted at the end (a throw there would go unhandled).
    const failures: string[] = [];

    // The worker lives a random while, is killed with SIGKILL, and a new one starts at once: all along.
    const killer = killAgainAndAgain(
      () => (worker = startWorker()),
      () => LIFETIME.min + next() * (LIFETIME.max - LIFETIME.min),
    );
    let flowing = true;

    // Sales, as a subscriber to the log: accepts or rejects each handoff the policies make.
    const sales = playSales(api, store, kindById, () => flowing && failures.length === 0, failures);

    for (let index = 0; index < LEADS; index++) {
      const kind = kindOf(index);
      const source = kind === 'offRule' ? 'ads' : kind === 'breached' ? 'event' : 'webinar';
      const captured = await send(api.app, {
        method: 'POST',
        url: '/leads',
        payload: { email: `policy-${index}@example.com`, source },
      });
      expect(captured.statusCode).toBe(201);
      const { leadId } = captured.json<{ leadId: string }>();
      kindById.set(leadId, kind);
      const scoreDelta = kind === 'cold' ? 20 : 60;
      expect(
        (await command(api.app, leadId, 'engagements', { kind: 'meeting', scoreDelta })).statusCode,
      ).toBe(200);
    }

    await eventually(
      'every lead to end where its kind ends',
      async () => {
        if (failures.length > 0) return true;
        await new Promise((resolve) => setTimeout(resolve, 500));
        const stages = await finalStages(store, kindById);
        return [...kindById].every(([leadId, kind]) => stages.get(leadId) === finalStage[kind]);
      },
      180_000,
    );
    flowing = false;
    const { kills, failures: crashes } = await killer.stop();
    failures.push(...crashes);
    await sales;
    if (worker) await killProgram(worker);
    expect(failures).toEqual([]);

    // A last worker, left alone, finishes what the killed ones left (projections, outbox) and stops cleanly.
    worker = startWorker();
    await eventually('the last worker to catch up', async () => readModelsCaughtUp(dir, store), 60_000);
    await stopProgram(worker);
    expect(worker.output()).toBe('');

    const events = await allEvents(store);
    const effects = events.filter((e) => String(e.metadata.actor).startsWith('policy:'));
    const { digest } = loadRules(rulesFile());

    // Exactly once: one command per policy and cause, whatever the kills did.
    const commands = new Map<string, RecordedEvent>();
    for (const effect of effects) commands.set(String(effect.metadata.commandId), effect);
    const causes = [...commands.values()].map((e) => `${e.metadata.actor} ← ${e.metadata.causationId}`);
    expect(new Set(causes).size).toBe(causes.length);
    expect(effects.every((e) => (e.metadata.policy as { digest: string } | null)?.digest === digest)).toBe(
      true,
    );

    // Each kind of lead got exactly the policy commands its rules give it.
    const perLead = new Map<string, Record<string, number>>();
    for (const effect of commands.values()) {
      const leadId = effect.streamName.slice('lead-'.length);
      const counts = perLead.get(leadId) ?? {};
      const policy = String(effect.metadata.actor).slice('policy:'.length);
      counts[policy] = (counts[policy] ?? 0) + 1;
      perLead.set(leadId, counts);
    }
    const wrong = [...kindById].filter(
      ([leadId, kind]) =>
        JSON.stringify(sorted(perLead.get(leadId) ?? {})) !== JSON.stringify(sorted(expectedEffects[kind])),
    );
    expect(wrong.slice(0, 5).map(([leadId, kind]) => ({ leadId, kind, got: perLead.get(leadId) }))).toEqual(
      [],
    );

    // None missed: the policies, asked about every lead as it ends, have nothing left to do.
    const { rules } = loadRules(rulesFile());
    const book = ownerBook(events);
    const now = new Date();
    const due = [];
    for (const leadId of kindById.keys()) {
      const stream = events.filter((e) => e.streamName === leadStream(leadId)).map(toLeadEvent);
      const details = stream.reduce(evolveDetails, noDetails);
      if (details.stage === 'none') throw new Error(`lead ${leadId} has no events`);
      const effect = reconcile({ details, slaBreaches: slaBreachesOf(stream) }, rules, book, now);
      if (effect) due.push({ leadId, policy: effect.policy });
    }
    expect(due).toEqual([]);

    // The read models the killed workers kept equal one rebuild of the log.
    const kept = new SqliteReadStore({ path: join(dir, 'read-models.sqlite') });
    const rebuilt = new SqliteReadStore({ path: ':memory:' });
    try {
      await rebuildProjections({ eventStore: store, readStore: rebuilt });
      expect(await dumpAll(kept)).toEqual(await dumpAll(rebuilt));
    } finally {
      await kept.close();
      await rebuilt.close();
    }

    expect(kills).toBeGreaterThanOrEqual(5);
    console.log(
      `policy-kill9 (${mode}, seed ${SEED}): ${LEADS} leads, ${commands.size} policy commands (${effects.length} events), ${kills} kills`,
    );
  }, 300_000);
});

function sorted(counts: Record<string, number>): [string, number][] {
  return Object.entries(counts).sort(([a], [b]) => a.localeCompare(b));
}

/** The roster as the owners' streams hold it; the rules above set no capacities, so loads are 0. */
function ownerBook(events: readonly RecordedEvent[]): OwnerBook {
  const roster = new Map<string, OwnerProfile>();
  for (const e of events)
    if (e.type === 'OwnerSet') {
      const { ownerId, ...profile } = e.data as OwnerProfile & { ownerId: string };
      roster.set(ownerId, profile);
    }
  return { roster, load: () => 0, lastRouted: () => null };
}

/** Adds the owner to the roster, as SetOwner does for the API. */
async function addOwner(store: EventStore, ownerId: string): Promise<void> {
  const data = { ownerId, name: ownerId, teams: ['sdr'], active: true, capacity: null };
  const clock = () => new Date();
  await setOwner(
    { store, clock, newId: randomUUID },
    { type: 'SetOwner', data, metadata: { occurredAt: clock().toISOString() } },
    { actor: 'svc:test' },
  );
}

/** Each lead's stage as its events fold, for the leads named. */
async function finalStages(
  store: EventStore,
  leads: ReadonlyMap<string, Kind>,
): Promise<Map<string, string>> {
  const byLead = new Map<string, RecordedEvent[]>();
  for (const e of await allEvents(store)) {
    const leadId = e.streamName.slice('lead-'.length);
    if (!leads.has(leadId)) continue;
    byLead.set(leadId, [...(byLead.get(leadId) ?? []), e]);
  }
  const stages = new Map<string, string>();
  for (const [leadId, stream] of byLead)
    stages.set(leadId, stream.map(toLeadEvent).reduce(evolveDetails, noDetails).stage);
  return stages;
}

/**
 * Sales, following the log: accepts the handoffs of `accepted` leads and the second handoff of `revisited`
 * ones, rejects their first with a revisit 2 s away; leaves `breached` leads to the SLA policy.
 */
async function playSales(
  api: TestApp,
  store: EventStore,
  kindById: ReadonlyMap<string, Kind>,
  flowing: () => boolean,
  failures: string[],
): Promise<void> {
  let after: bigint | undefined;
  const handoffs = new Map<string, number>();
  while (flowing()) {
    const page = await store.readAll({ after, maxCount: 500, filter: { streamNamePrefixes: ['lead-'] } });
    for (const event of page) {
      after = event.position;
      if (event.type !== 'LeadHandedOff') continue;
      const leadId = event.streamName.slice('lead-'.length);
      const seen = (handoffs.get(leadId) ?? 0) + 1;
      handoffs.set(leadId, seen);
      const kind = kindById.get(leadId);
      const reply =
        kind === 'accepted' || (kind === 'revisited' && seen > 1)
          ? await command(api.app, leadId, 'accept')
          : kind === 'revisited'
            ? await command(api.app, leadId, 'reject', {
                reason: 'bad_timing',
                revisitAt: new Date(Date.now() + 2_000).toISOString(),
              })
            : null;
      if (reply && reply.statusCode !== 200) failures.push(`${kind} lead ${leadId}: ${reply.body}`);
    }
    if (page.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** True when every projection of the worker's read store has reached the log's head. */
async function readModelsCaughtUp(dir: string, store: EventStore): Promise<boolean> {
  const head = (await allEvents(store)).at(-1)!.position;
  const reads = new SqliteReadStore({ path: join(dir, 'read-models.sqlite') });
  try {
    const checkpoints = await reads.readCheckpoints(allProjections.map((projection) => projection.name));
    return [...checkpoints.values()].every((checkpoint) => checkpoint?.position === head);
  } finally {
    await reads.close();
  }
}
