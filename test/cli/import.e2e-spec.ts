import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RecordedEvent } from '@leadger/event-store';
import { json, openedEvents, operator, runCli, storedEvents, tempDataDir, withIdentity } from './support/cli';

// `leadger import <csv>`: leads from another CRM's export, columns mapped by header, dedupe by email (through
// the blind index), creation dates kept as occurredAt, personal fields sealed with each lead's key, the
// operator as actor, bad rows reported by line and skipped, nothing stored of a bad row, and a second run
// that changes nothing.

// Each test starts real `node` processes: slow on a busy two-core machine, and the first one transpiles.
jest.setTimeout(60_000);

const data = tempDataDir();
const csv = join(data.dir, 'crm-export.csv');

// Line numbers matter: the reasons below name them.
writeFileSync(
  csv,
  [
    'E-mail Address,First Name,Last Name,Company,Lead Source,Campaign,Created Date,Lead Status,Lead Score,Why Unqualified', // 1
    'ann@example.com,Ann,Lee,Acme,webinar,q1-webinar,2024-03-05,New,,', // 2
    'BOB@Example.com ,Bob,Roe,Globex,ads,,2024-03-06T10:00:00+02:00,MQL,72,', // 3
    '', // 4
    'carl@example.com,Carl,Poe,Initech,referral,,2024-03-07 09:30:00,Unqualified,,student', // 5
    'not-an-email,Nope,Nope,Nope,ads,,2024-03-07,New,,', // 6
    'dana@example.com,Dana,Doe,Hooli,organic,,2024-02-30,New,,', // 7
    'ann@example.com,Ann,Lee-Smith,Acme,ads,,2024-04-01,New,,', // 8
    'eve@example.com,Eve,"Quote, and a', // 9
    'second line",Umbrella,events,,2024-03-08,New,,', // 10
    'frank@example.com,Frank,Fay,Wayne,events,,2024-03-09,Unqualified,,other', // 11
    'gina@example.com,too,few', // 12
    'hank@example.com,Hank,Ho,Stark,,,2024-03-09,New,,', // 13
    'ivy@example.com,Ivy,Ng,Oscorp,ads,,2024-03-09,Nurturing,,', // 14
    '',
  ].join('\n'),
);
const args = ['import', csv, '--map', 'disqualifyReason=Why Unqualified', '--json'];

afterAll(() => data.dispose());

interface ImportAnswer {
  readonly rows: number;
  readonly imported: number;
  readonly unchanged: number;
  readonly duplicate: number;
  readonly rejected: number;
  readonly problems: { line: number; outcome: string; email: string | null; reason: string }[];
}

/** The lead the data dir's blind index names for `email`, or null. */
const directoryFinds = (email: string) =>
  withIdentity(data.dir, (_store, { directory }) => directory.find(email));

/** The events of the lead captured with `email` (their personal fields opened), or none. */
function leadOf(events: readonly RecordedEvent[], email: string): RecordedEvent[] {
  const capture = events.find((e) => e.type === 'LeadCaptured' && e.data.email === email);
  return capture ? events.filter((e) => e.streamName === capture.streamName) : [];
}

describe('leadger import', () => {
  let first: ImportAnswer;

  beforeAll(async () => {
    first = json<ImportAnswer>(await runCli(data.dir, args), 1);
  }, 30_000);

  it('imports the good rows and reports every other one by line, exiting 1 for the rejected ones', () => {
    expect(first).toMatchObject({ rows: 11, imported: 4, unchanged: 0, duplicate: 1, rejected: 6 });
    expect(first.problems.map(({ line, outcome }) => [line, outcome])).toEqual([
      [6, 'rejected'],
      [7, 'rejected'],
      [8, 'duplicate'],
      [11, 'rejected'],
      [12, 'rejected'],
      [13, 'rejected'],
      [14, 'rejected'],
    ]);
    const reason = (line: number) => first.problems.find((p) => p.line === line)?.reason;
    expect(reason(6)).toMatch(/not an email address/);
    expect(reason(7)).toMatch(/2024-02-30.*not a date/);
    expect(reason(8)).toBe('same email as line 2');
    expect(reason(11)).toMatch(/DisqualifyLead: note is required/);
    expect(reason(12)).toMatch(/3 columns, the header has 10/);
    expect(reason(13)).toMatch(/source is empty/);
    expect(reason(14)).toMatch(/stage "Nurturing"/);
  });

  it('keeps each creation date as occurredAt and brings each lead to its stage in one append', async () => {
    const events = await openedEvents(data.dir);
    const of = (email: string) => leadOf(events, email);
    expect(of('ann@example.com').map((e) => [e.type, e.metadata.occurredAt])).toEqual([
      ['LeadCaptured', '2024-03-05T00:00:00.000Z'],
    ]);
    expect(of('ann@example.com')[0].data).toMatchObject({
      firstName: 'Ann',
      lastName: 'Lee',
      source: 'webinar',
    });
    const bob = of('bob@example.com');
    expect(bob.map((e) => [e.type, e.metadata.occurredAt])).toEqual([
      ['LeadCaptured', '2024-03-06T08:00:00.000Z'],
      ['LeadMarketingQualified', '2024-03-06T08:00:00.000Z'],
    ]);
    expect(bob[1].data).toMatchObject({ score: 72 });
    expect(bob[1].position).toBe(bob[0].position + 1n);
    expect(of('carl@example.com').map((e) => e.type)).toEqual(['LeadCaptured', 'LeadDisqualified']);
    expect(of('carl@example.com')[1].data).toMatchObject({ reason: 'student' });
    expect(of('eve@example.com')[0].data).toMatchObject({ lastName: 'Quote, and a\nsecond line' });
    // The refused disqualification took the whole row with it: no capture without it, no address claimed.
    expect(of('frank@example.com')).toEqual([]);
    expect(await directoryFinds('frank@example.com')).toBeNull();
    expect(events).toHaveLength(6);
  });

  it("stores personal fields sealed with the lead's key, under a random lead id, the operator as actor", async () => {
    const stored = await storedEvents(data.dir);
    const captures = stored.filter((e) => e.type === 'LeadCaptured');
    expect(captures).toHaveLength(4);
    for (const capture of captures) {
      expect(capture.data).toMatchObject({ email: null, firstName: null, lastName: null, company: null });
      expect(capture.data.personal).toEqual(expect.any(String));
    }
    expect(JSON.stringify(stored.map((e) => e.data))).not.toMatch(/@example\.com|Globex/);
    // Lead ids are random (UUID v4), not derived from the email.
    for (const capture of captures)
      expect(capture.data.leadId).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
    expect(stored.map((e) => e.metadata.actor)).toEqual(stored.map(() => operator));
  });

  it('audit finds an imported lead by its email and shows the person in clear', async () => {
    const trail = json<{ personalData: string; person: Record<string, string | null> }>(
      await runCli(data.dir, ['audit', ' BOB@example.com', '--json']),
    );
    expect(trail.personalData).toBe('shown');
    expect(trail.person).toEqual({
      email: 'bob@example.com',
      firstName: 'Bob',
      lastName: 'Roe',
      company: 'Globex',
      title: null,
      phone: null,
    });
    const human = await runCli(data.dir, ['audit', 'ann@example.com']);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^Lead [0-9a-f-]{36} — Ann Lee <ann@example\.com>, Acme — now lead\n/);
    expect(human.stdout).toContain(operator);
  });

  it('changes nothing when run again: the same rows are found as imported', async () => {
    const again = json<ImportAnswer>(await runCli(data.dir, args), 1);
    expect(again).toMatchObject({ rows: 11, imported: 0, unchanged: 4, duplicate: 1, rejected: 6 });
    expect(await storedEvents(data.dir)).toHaveLength(6);
  });

  it('skips an email that is already a lead from elsewhere, and a dry run appends nothing', async () => {
    const other = join(data.dir, 'other.csv');
    writeFileSync(other, 'email,source\nAnn@Example.com,partner\nzoe@example.com,partner\n');
    const dry = json<ImportAnswer>(await runCli(data.dir, ['import', other, '--dry-run', '--json']));
    expect(dry).toMatchObject({ imported: 1, duplicate: 1, rejected: 0 });
    expect(dry.problems).toEqual([
      { line: 2, outcome: 'duplicate', email: 'ann@example.com', reason: 'already a lead (lead)' },
    ]);
    expect(await storedEvents(data.dir)).toHaveLength(6);
    expect(await directoryFinds('zoe@example.com')).toBeNull();
    const human = await runCli(data.dir, ['import', other]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(
      /2 rows — imported 1, unchanged 0 \(imported before\), duplicates 1, rejected 0/,
    );
    expect(await storedEvents(data.dir)).toHaveLength(7);
    expect(await directoryFinds('zoe@example.com')).toEqual(expect.any(String));
  });

  it('refuses bad arguments with a message and exit code 2, importing nothing', async () => {
    const noEmail = join(data.dir, 'no-email.csv');
    writeFileSync(noEmail, 'name,source\nAnn,ads\n');
    for (const [argv, message] of [
      [['import', join(data.dir, 'missing.csv')], /cannot read .*missing.csv: ENOENT/],
      [['import', csv, '--map', 'shoeSize=Lead Score'], /--map "shoeSize=Lead Score": expected field=Header/],
      [['import', csv, '--map', 'score=Rating'], /the file has no column "Rating"/],
      [['import', noEmail], /no email column among name, source/],
      [['import'], /missing required argument 'csv'/],
      // The events name the operator running the CLI; no flag makes up another actor.
      [['import', csv, '--actor', 'user:someone'], /unknown option '--actor'/],
    ] as const) {
      const run = await runCli(data.dir, argv);
      expect({ argv, code: run.code }).toEqual({ argv, code: 2 });
      expect(run.stderr).toMatch(message);
    }
    expect(await storedEvents(data.dir)).toHaveLength(7);
  });
});
