import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { RecordedEvent } from '@leadger/event-store';
import { copyEventStore, json, openedEvents, runCli, seededDataDir } from './support/cli';

// `leadger audit <lead>` and `leadger audit verify`: the trail of one lead, and the proof that nobody edited
// or removed an event — checked on an untouched store and on copies of its SQLite file tampered with by
// hand, one row edited, one row deleted.

// Each test starts real `node` processes: slow on a busy two-core machine, and the first one transpiles.
jest.setTimeout(60_000);

const data = seededDataDir(120, 11);
const { events } = data;

interface Trail {
  readonly leadId: string;
  readonly stage: string;
  readonly chain: { intact: boolean };
  readonly events: {
    revision: string;
    type: string;
    actor: string;
    stageBefore: string;
    stageAfter: string;
  }[];
  readonly handoffs: { kind: string; to: string; decision: string | null; decidedBy: string | null }[];
}

interface Verify {
  readonly ok: boolean;
  readonly events: number;
  readonly streams: number;
  readonly findings: { stream: string; revision: string; reason: string }[];
  readonly missingPositions: string[];
}

/** A stream with a decided handoff and at least `min` events, so there is a middle to tamper with. */
function leadWithHandoff(min = 5): RecordedEvent[] {
  const byStream = new Map<string, RecordedEvent[]>();
  for (const event of events)
    byStream.set(event.streamName, [...(byStream.get(event.streamName) ?? []), event]);
  const found = [...byStream.values()].find(
    (stream) =>
      stream.length >= min && stream.some((e) => e.type === 'LeadAccepted' || e.type === 'LeadRejected'),
  );
  if (!found) throw new Error('the seed has no lead with a decided handoff');
  return found;
}

/** A copy of the data dir whose events table `tamper` changes, with the real SQLite driver. */
function tamperedCopy(name: string, tamper: (db: Database.Database) => void): string {
  const dir = join(data.dir, name);
  mkdirSync(dir);
  copyEventStore(data.dir, dir);
  const db = new Database(join(dir, 'events.sqlite'));
  tamper(db);
  db.close();
  return dir;
}

describe('leadger audit <lead>', () => {
  it("shows every event with its actor, the stage before and after, and the lead's handoffs", async () => {
    const stream = leadWithHandoff();
    const leadId = String(stream[0].data.leadId);
    const trail = json<Trail>(await runCli(data.dir, ['audit', leadId, '--json']));
    expect(trail.leadId).toBe(leadId);
    expect(trail.chain.intact).toBe(true);
    expect(trail.events.map((e) => e.type)).toEqual(stream.map((e) => e.type));
    expect(trail.events.map((e) => e.actor)).toEqual(stream.map((e) => e.metadata.actor));
    expect(trail.events[0]).toMatchObject({ revision: '0', stageBefore: 'none', stageAfter: 'lead' });
    // Each event starts where the one before it left the lead.
    for (let i = 1; i < trail.events.length; i++)
      expect(trail.events[i].stageBefore).toBe(trail.events[i - 1].stageAfter);
    const handoff = trail.handoffs.find((h) => h.kind === 'handoff' && h.decision !== 'pending');
    expect(handoff?.decision).toMatch(/accepted|rejected|reassigned|disqualified/);
    expect(handoff?.decidedBy).toMatch(/^user:/);

    // The email is sealed in the log: opened with the lead's key here, found through the blind index there.
    const email = String((await openedEvents(data.dir)).find((e) => e.id === stream[0].id)?.data.email);
    expect(email).toMatch(/@/);
    const byEmail = await runCli(data.dir, ['audit', email]);
    expect(byEmail.code).toBe(0);
    expect(byEmail.stdout).toContain(`Lead ${leadId} — `);
    expect(byEmail.stdout).toContain(`<${email}>`);
    expect(byEmail.stdout).toMatch(/Handoffs:/);
    expect(byEmail.stdout).toMatch(/Hash chain: intact/);
  });

  it('says so when the lead does not exist (exit 1) or the id is not one (exit 2)', async () => {
    const missing = await runCli(data.dir, ['audit', '00000000-0000-4000-8000-000000000000']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no lead 00000000-0000-4000-8000-000000000000/);
    const unknown = await runCli(data.dir, ['audit', 'nobody@example.com']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no lead nobody@example\.com/);
    const bad = await runCli(data.dir, ['audit', 'not-a-lead']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/neither a lead id/);
  });
});

describe('leadger audit verify', () => {
  it('passes on an untouched store', async () => {
    const result = json<Verify>(await runCli(data.dir, ['audit', 'verify', '--json']));
    expect(result).toMatchObject({ ok: true, events: events.length, findings: [], missingPositions: [] });
    const human = await runCli(data.dir, ['audit', 'verify']);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^OK: /);
  });

  it('names the stream and revision of an event whose row was edited, and exits 1', async () => {
    const stream = leadWithHandoff();
    const target = stream[2];
    const dir = tamperedCopy('edited', (db) =>
      db
        .prepare(
          `UPDATE events SET data = json_set(data, '$.leadId', 'someone-else') WHERE stream = ? AND revision = ?`,
        )
        .run(target.streamName, target.revision),
    );
    const result = json<Verify>(await runCli(dir, ['audit', 'verify', '--json']), 1);
    expect(result.ok).toBe(false);
    expect(result.findings).toEqual([
      expect.objectContaining({ stream: target.streamName, revision: '2', reason: 'hash_mismatch' }),
    ]);
    const human = await runCli(dir, ['audit', 'verify']);
    expect(human.code).toBe(1);
    expect(human.stdout).toContain(`First broken event: stream ${target.streamName}, revision 2`);
    const one = json<Verify>(
      await runCli(dir, ['audit', 'verify', '--lead', String(target.data.leadId), '--json']),
      1,
    );
    expect(one.findings).toEqual([expect.objectContaining({ stream: target.streamName, revision: '2' })]);
  });

  it('names the stream and revision of an event whose row was deleted, and exits 1', async () => {
    const stream = leadWithHandoff();
    const target = stream[1];
    const dir = tamperedCopy('deleted', (db) =>
      db
        .prepare('DELETE FROM events WHERE stream = ? AND revision = ?')
        .run(target.streamName, target.revision),
    );
    const result = json<Verify>(await runCli(dir, ['audit', 'verify', '--json']), 1);
    expect(result.findings).toEqual([
      expect.objectContaining({ stream: target.streamName, revision: '1', reason: 'revision_gap' }),
    ]);
    // SQLite numbers events without gaps, so the removed row's position is named too.
    expect(result.missingPositions).toEqual([String(target.position)]);
    const human = await runCli(dir, ['audit', 'verify']);
    expect(human.stdout).toContain(
      `First broken event: stream ${target.streamName}, revision 1 — revision 1 is missing`,
    );
  });

  it('checks the owner roster’s chain too: an owner event edited by hand is named', async () => {
    const dir = join(data.dir, 'roster');
    mkdirSync(dir);
    for (const file of readdirSync(data.dir))
      if (/^(events|vault)\.sqlite|^master\.key$/.test(file))
        copyFileSync(join(data.dir, file), join(dir, file));
    for (const name of ['Bob', 'Bob Lee'])
      expect(
        (await runCli(dir, ['owners', 'set', 'bob', '--name', name, '--teams', 'sdr', '--active'])).code,
      ).toBe(0);
    expect(json<Verify>(await runCli(dir, ['audit', 'verify', '--json'])).ok).toBe(true);
    const db = new Database(join(dir, 'events.sqlite'));
    db.prepare(
      `UPDATE events SET data = json_set(data, '$.name', 'Eve') WHERE stream = 'owner-bob' AND revision = 0`,
    ).run();
    db.close();
    const result = json<Verify>(await runCli(dir, ['audit', 'verify', '--json']), 1);
    expect(result.findings).toEqual([
      expect.objectContaining({ stream: 'owner-bob', revision: '0', reason: 'hash_mismatch' }),
    ]);
  });
});
