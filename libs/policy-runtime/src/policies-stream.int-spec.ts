import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@leadger/event-store';
import { rulesDigest, type LoadedRules } from './load-rules';
import { lastRecordedPolicies, POLICIES_STREAM, recordRules } from './policies-stream';
import { defaultRules, rulesSchema } from '@leadger/policies';

let dir: string;
let stores: SqliteEventStore[];
/** A store on the shared log, as another process would open it. */
const open = () => {
  const store = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
  stores.push(store);
  return store;
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'leadger-policies-'));
  stores = [];
});
afterEach(async () => {
  await Promise.all(stores.map((store) => store.close()));
  rmSync(dir, { recursive: true, force: true });
});

const loaded = (input: object, source = 'config/policies.yaml'): LoadedRules => {
  const rules = rulesSchema.parse(input);
  return { rules, digest: rulesDigest(rules), source };
};
const at = (iso: string) => () => new Date(iso);

async function recorded(store: SqliteEventStore) {
  const read = await store.readStream(POLICIES_STREAM);
  return read.found ? read.events : [];
}

describe('the rules in the log', () => {
  it('records the first rules a program starts with, as system, and answers them in force', async () => {
    const store = open();
    const inForce = await recordRules(store, loaded({}), at('2026-03-01T09:00:00Z'));
    const [event] = await recorded(store);
    expect(event).toMatchObject({
      type: 'PoliciesChanged',
      revision: 0n,
      data: { digest: rulesDigest(defaultRules), rules: JSON.parse(JSON.stringify(defaultRules)) },
      metadata: { actor: 'system', source: 'config/policies.yaml', occurredAt: '2026-03-01T09:00:00.000Z' },
    });
    expect(inForce).toEqual({
      rules: defaultRules,
      digest: rulesDigest(defaultRules),
      source: 'config/policies.yaml',
      changedAt: '2026-03-01T09:00:00.000Z',
      position: event.position,
    });
  });

  it('records nothing when a program starts again on the same rules, however the file is written', async () => {
    const store = open();
    const first = await recordRules(store, loaded({}), at('2026-03-01T09:00:00Z'));
    const again = await recordRules(
      store,
      loaded({ sla: { hours: 24 } }, 'rules.json'),
      at('2026-03-02T09:00:00Z'),
    );
    expect(await recorded(store)).toHaveLength(1);
    expect(again).toMatchObject({
      changedAt: first.changedAt,
      position: first.position,
      source: 'rules.json',
    });
  });

  it('records each change, and a change back, at the next revision', async () => {
    const store = open();
    await recordRules(store, loaded({}), at('2026-03-01T09:00:00Z'));
    const changed = await recordRules(store, loaded({ sla: { hours: 8 } }), at('2026-03-02T09:00:00Z'));
    await recordRules(store, loaded({}), at('2026-03-03T09:00:00Z'));
    const events = await recorded(store);
    expect(events.map((event) => [event.revision, event.metadata.occurredAt])).toEqual([
      [0n, '2026-03-01T09:00:00.000Z'],
      [1n, '2026-03-02T09:00:00.000Z'],
      [2n, '2026-03-03T09:00:00.000Z'],
    ]);
    expect(changed).toMatchObject({ changedAt: '2026-03-02T09:00:00.000Z', position: events[1].position });
    expect(await lastRecordedPolicies(store)).toMatchObject({
      digest: rulesDigest(defaultRules),
      revision: 2n,
      changedAt: '2026-03-03T09:00:00.000Z',
    });
  });

  it('records new rules once when programs start on them at the same moment', async () => {
    await recordRules(open(), loaded({}));
    const next = loaded({ winProbabilities: { prospecting: 0.2, evaluation: 0.5, commitment: 0.9 } });
    const starts = await Promise.all(
      [open(), open(), open(), open()].map((store) => recordRules(store, next)),
    );
    const events = await recorded(open());
    expect(events.map((event) => event.data.digest)).toEqual([rulesDigest(defaultRules), next.digest]);
    expect(new Set(starts.map((start) => start.position))).toEqual(new Set([events[1].position]));
  });

  it('knows no rules before any were recorded', async () => {
    expect(await lastRecordedPolicies(open())).toBeNull();
  });
});
