import type { RecordedEvent } from '@leadger/event-store';
import { personalFields, type LeadEventType } from '@leadger/lead-domain';
import { eraseLead, json, openedEvents, runCli, seededDataDir, storedEvents } from './support/cli';

// A lead erased as the privacy path does it (LeadErased, then its key destroyed): the CLI still shows its
// whole trail and exports every event, but nothing of the person — and the hash chains still verify.

// Each test starts real `node` processes: slow on a busy two-core machine, and the first one transpiles.
jest.setTimeout(60_000);

const data = seededDataDir(40, 9);

interface Trail {
  readonly leadId: string;
  readonly personalData: 'shown' | 'erased';
  readonly email: string | null;
  readonly person: Record<string, string | null> | null;
  readonly chain: { intact: boolean };
  readonly events: { type: string; actor: string; note: string | null; detail: string }[];
}

/** What the erased lead was, read before the erasure; and the log after it. */
let leadId: string;
let before: RecordedEvent[];
let after: RecordedEvent[];

beforeAll(async () => {
  const opened = await openedEvents(data.dir);
  const capture = opened.find(
    (e) => e.type === 'LeadCaptured' && opened.filter((o) => o.streamName === e.streamName).length >= 3,
  );
  if (!capture) throw new Error('the seed has no lead with three events');
  leadId = String(capture.data.leadId);
  before = opened.filter((e) => e.streamName === capture.streamName);
  await eraseLead(data.dir, leadId);
  after = await storedEvents(data.dir);
}, 30_000);

/** The erased lead's address (unique to it in the seed: names and titles repeat across leads). */
const email = () => String(before[0].data.email);

describe('an erased lead', () => {
  it('is shown by audit whole, marked erased, with no personal field', async () => {
    const trail = json<Trail>(await runCli(data.dir, ['audit', leadId, '--json']));
    expect(trail).toMatchObject({ leadId, personalData: 'erased', email: null, chain: { intact: true } });
    expect(Object.values(trail.person ?? {})).toEqual([null, null, null, null, null, null]);
    expect(trail.events.map((e) => e.type)).toEqual([...before.map((e) => e.type), 'LeadErased']);
    expect(trail.events.at(-1)).toMatchObject({ actor: 'user:privacy-officer' });

    const human = await runCli(data.dir, ['audit', leadId]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(new RegExp(`^Lead ${leadId} — personal data erased — now `));
    expect(human.stdout).toMatch(/\nPersonal data: ERASED/);
    expect(human.stdout).toMatch(/Hash chain: intact/);
    expect(email()).toMatch(/@/);
    expect(human.stdout).not.toContain(email());
    expect(JSON.stringify(trail)).not.toContain(email());
  });

  it('is no longer found by its email (exit 1), as a lead never captured', async () => {
    const run = await runCli(data.dir, ['audit', email()]);
    expect({ code: run.code, stdout: run.stdout }).toEqual({ code: 1, stdout: '' });
    expect(run.stderr).toMatch(/no lead .*never captured, or erased/);
  });

  it('is exported with its events and every personal field null, while the other leads are opened', async () => {
    const run = await runCli(data.dir, ['export']);
    expect(run.code).toBe(0);
    const exported = run.stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { stream: string; type: string; data: Record<string, unknown> });
    expect(exported).toHaveLength(after.filter((event) => event.streamName.startsWith('lead-')).length);
    const its = exported.filter((e) => e.stream === before[0].streamName);
    expect(its.map((e) => e.type)).toEqual([...before.map((e) => e.type), 'LeadErased']);
    for (const event of its) {
      for (const field of personalFields[event.type as LeadEventType])
        expect({ field, value: event.data[field] }).toEqual({ field, value: null });
      expect(event.data).not.toHaveProperty('personal');
    }
    expect(run.stdout).not.toContain(email());
    const others = exported.filter((e) => e.type === 'LeadCaptured' && e.stream !== before[0].streamName);
    expect(others.every((e) => typeof e.data.email === 'string')).toBe(true);
  });

  it('leaves every hash chain intact: audit verify passes', async () => {
    const result = json<{ ok: boolean; events: number; findings: unknown[] }>(
      await runCli(data.dir, ['audit', 'verify', '--json']),
    );
    expect(result).toMatchObject({ ok: true, events: after.length, findings: [] });
    const one = json<{ ok: boolean; streams: number }>(
      await runCli(data.dir, ['audit', 'verify', '--lead', leadId, '--json']),
    );
    expect(one).toMatchObject({ ok: true, streams: 1 });
  });
});
