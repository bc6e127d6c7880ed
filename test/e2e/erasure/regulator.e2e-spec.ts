import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LeadIdentity } from '@leadger/lead-application';
import { personalFields, type LeadEventType } from '@leadger/lead-domain';
import Database from 'better-sqlite3';
import { LEAD_IDENTITY } from '../../../apps/api/src/auth/identity.module';
import { json, runCli, type CliRun } from '../../cli/support/cli';
import { deletePrefix, REDIS_URL } from '../../projections/support/temp-read-stores';
import { capture, command, getLead, historyOf, send, type Answer, type Reply } from '../../support/lead-api';
import { leadAt, stepsTo, uniqueEmail, type Step } from '../../support/lead-journeys';
import {
  describeFiles,
  filesOf,
  findBytes,
  findNeedles,
  redisEntries,
  textFormsOf,
  textOf,
  type Haystack,
  type Needle,
} from '../../support/personal-data-search';
import { startTestApp, type TestApp } from '../../support/test-app';

// Issue 12, the way a regulator would check it: a person is captured with distinctive values in every
// personal field (contact, names, phone, notes on an engagement, a rejection, a re-engagement, a lost deal
// and a recycle, the free text of the qualification), walked into the nurture queue, then erased. Afterwards
// none of those values may be anywhere: not in the bytes of any file of the data dir (SQLite files with
// their -wal and -shm, the vault, the keys), not in any Redis key or value (under the deployment's prefix,
// and in the whole DB), not in any export format nor in the CLI's audit; not after a restart, not after the
// read models are rebuilt. Nor may the person's key material be left on disk: the data key (raw or as
// text), its wrapped form in the vault, the blind-index entry of the address. The counts stay as they were,
// the hash chains verify, and the address comes back as a new lead.
// Leadger's own readers are not trusted: every search reads raw bytes (test/support/personal-data-search.ts).
// Controls keep the searches honest: before the erasure they find none of the values at rest either (sealed)
// while the API and the opened export show every one of them; they find the non-personal campaign in the
// event store and read models, the other lead in Redis, the wrapped key and blind-index entry in the vault.

// Real app starts, CLI processes and a rebuild per store: slow on a busy two-core machine.
jest.setTimeout(60_000);

/** Letters that are neither hex nor digits, so a token cannot turn up by chance in a hash or a number. */
const TOKEN_LETTERS = 'ghjkmnpqrstvwxyz';
const token = (length = 10) => Array.from(randomBytes(length), (byte) => TOKEN_LETTERS[byte % 16]).join('');

/** The person to forget: every personal field of every event type that holds one, each value unique. */
function personWith(tag: string) {
  return {
    tag,
    email: `Zelda.Quux+${tag}@Example.ORG`,
    firstName: 'Zelphinia',
    lastName: 'Quuxmorrow',
    phone: '+44 20 7946 0958',
    company: `Quuxmorrow Zither Works ${tag}`,
    title: 'Head of Zither Procurement',
    anonymousId: `anon-${tag}-visitor`,
    engagementNote: `called from the Vienna office about zither tuning (${tag}-engagement)`,
    rejectNote: `on parental leave until the spring fair (${tag}-reject)`,
    reengageNote: `back from leave, wants the xylograph demo (${tag}-reengage)`,
    authority: `Zelphinia signs alone up to 40k (${tag}-authority)`,
    need: `replace the zither inventory spreadsheet (${tag}-need)`,
    timeline: `before the Lisbon offsite in Quintember (${tag}-timeline)`,
    lostNote: `went quiet after her board meeting (${tag}-lost)`,
    recycleNote: `ask again after her sabbatical in Quito (${tag}-recycle)`,
  };
}
type Person = ReturnType<typeof personWith>;

/** What is searched for: each value as given and lower-cased (the search ignores case anyway), and parts. */
function needlesOf(person: Person): Needle[] {
  const { tag, email, phone, ...rest } = person;
  const needles: Needle[] = [
    { label: 'email as given', value: email },
    { label: 'email lower-cased', value: email.toLowerCase() },
    { label: 'email local part', value: email.split('@')[0] },
    { label: 'phone as given', value: phone },
    { label: 'phone digits', value: phone.replace(/\D/g, '') },
    { label: 'the random tag every value but the names, title and phone holds', value: tag },
    ...Object.entries(rest).map(([label, value]) => ({ label, value })),
  ];
  return needles;
}

/** The figures an erasure must not change, without the log position they were read at. */
interface Figures {
  readonly funnel: { readonly groups: readonly { readonly key: string | null }[] } & Record<string, unknown>;
  readonly pipeline: Record<string, unknown>;
  readonly handoffs: Record<string, unknown>;
}

interface NurtureItem {
  readonly leadId: string;
  readonly email: string | null;
  readonly note: string | null;
  readonly personalData: string;
}

interface Trail {
  readonly leadId: string;
  readonly personalData: string;
  readonly email: string | null;
  readonly person: Record<string, string | null> | null;
  readonly chain: { readonly intact: boolean };
  readonly events: readonly { readonly type: string }[];
}

/** The reply, once its status is the one expected (its body shown when not). */
const ok = (reply: Reply, status = 200): Reply => {
  expect({ status: reply.statusCode, body: reply.statusCode === status ? null : reply.body }).toEqual({
    status,
    body: null,
  });
  return reply;
};

/** `GET url` once the read models hold `after`; 200 required. */
async function read(app: TestApp, url: string, after: string): Promise<Reply> {
  return ok(
    await send(app.app, { method: 'GET', url: `${url}${url.includes('?') ? '&' : '?'}after=${after}` }),
  );
}

async function figuresAt(app: TestApp, after: string): Promise<Figures> {
  const without = async (url: string) => {
    const { position: _position, ...figures } = (await read(app, url, after)).json<Record<string, unknown>>();
    return figures;
  };
  return {
    funnel: (await without('/funnel?groupBy=source')) as Figures['funnel'],
    pipeline: await without('/pipeline'),
    handoffs: await without('/handoffs/summary'),
  };
}

async function nurtureAt(app: TestApp, after: string): Promise<NurtureItem[]> {
  return (await read(app, '/nurture?limit=500', after)).json<{ items: NurtureItem[] }>().items;
}

/** The leads `GET /leads` finds for a query, as id and erased flag. */
async function foundAt(app: TestApp, query: string, after: string): Promise<IndexItem[]> {
  const items = (await read(app, `/leads?${query}`, after)).json<{ items: IndexItem[] }>().items;
  return items.map(({ leadId, erased }) => ({ leadId, erased }));
}

interface IndexItem {
  readonly leadId: string;
  readonly erased: boolean;
}

async function walk(app: TestApp, leadId: string, steps: readonly Step[]): Promise<Answer> {
  let last: Answer | undefined;
  for (const [action, body] of steps)
    last = ok(await command(app.app, leadId, action, body ?? {})).json<Answer>();
  if (!last) throw new Error('no step');
  return last;
}

/** The SQLite database a file belongs to: itself, or the database of a -wal, -shm or -journal file. */
const databaseOf = (file: string): string => file.replace(/-(wal|shm|journal)$/, '');

/** A CLI run that must succeed; its stdout and stderr as haystacks. */
function outputOf(name: string, run: CliRun, code = 0): Haystack[] {
  expect({ name, code: run.code, stderr: run.code === code ? '' : run.stderr }).toEqual({
    name,
    code,
    stderr: '',
  });
  return [textOf(`${name} stdout`, run.stdout), textOf(`${name} stderr`, run.stderr)];
}

interface StoreUnderTest {
  readonly name: string;
  /** The environment the app and the CLI run with. */
  readonly env: NodeJS.ProcessEnv;
  /** The Redis prefix of the read models, or null when they are in the data dir. */
  readonly redisPrefix: string | null;
}

const stores: readonly StoreUnderTest[] = [
  {
    name: 'on the embedded stores (read models in read-models.sqlite)',
    env: { REDIS_URL: '' },
    redisPrefix: null,
  },
  (() => {
    const prefix = `test:erasure:${randomUUID()}:`;
    return {
      name: 'with the read models in Redis',
      env: { REDIS_URL, LEADGER_REDIS_PREFIX: prefix },
      redisPrefix: prefix,
    };
  })(),
];

describe.each(stores)('a person erased, searched for as a regulator would, $name', (store) => {
  const person = personWith(token());
  const needles = needlesOf(person);
  /** Not personal, kept in clear in events and read models: what proves each search reads what it claims. */
  const controlCampaign = `zq-control-${token()}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'leadger-erasure-'));
  const cli = (args: readonly string[]) => runCli(dataDir, args, store.env);

  // Each test starts or stops the app as it needs, so that one failing never keeps the next from searching.
  let app: TestApp | undefined;
  const running = async (): Promise<TestApp> =>
    (app ??= await startTestApp(dataDir, { ...store.env, LEADGER_READ_WAIT_MS: '5000' }));
  const stopped = async (): Promise<void> => {
    const closing = app;
    app = undefined;
    await closing?.close();
  };

  let zelda: string;
  let zeldaTypes: string[];
  /** Another lead in nurture, on the control campaign, and its email: never erased. */
  let other: { leadId: string; email: string };
  let lastPosition: string;
  let erasePosition: string;
  let recapturePosition: string;
  let beforeErasure: Figures;
  let afterRecapture: Figures;
  /** The person's key material, read before the erasure: none of it may be left on disk after it. */
  let keyMaterial: { dataKey: Buffer; needles: Needle[] };

  afterAll(async () => {
    await stopped();
    rmSync(dataDir, { recursive: true, force: true });
    if (store.redisPrefix) await deletePrefix(REDIS_URL, store.redisPrefix);
  });

  /** Every file of the data dir: no hit allowed; the control campaign must be found in the event store. */
  function searchDataDir(when: string): void {
    const files = filesOf(dataDir);
    const names = files.map((file) => file.where);
    expect(names).toEqual(expect.arrayContaining(['events.sqlite', 'vault.sqlite', 'master.key']));
    if (!store.redisPrefix) expect(names).toContain('read-models.sqlite');
    expect({ when, files: describeFiles(files), hits: findNeedles(files, needles) }).toEqual({
      when,
      files: expect.any(Array),
      hits: [],
    });
    const control = findNeedles(files, [{ label: 'control campaign', value: controlCampaign }]).map((hit) =>
      databaseOf(hit.where),
    );
    expect(control).toContain('events.sqlite');
    if (!store.redisPrefix) expect(control).toContain('read-models.sqlite');
  }

  /**
   * The erased lead's data key (raw, and as hex / base64), its wrapped form and its blind-index entry: in
   * no file. Checked until the address is captured again, which claims the same blind-index entry anew.
   */
  function searchKeyMaterial(when: string): void {
    if (!keyMaterial)
      throw new Error('the key material was not read before the erasure (see the first test)');
    const files = filesOf(dataDir);
    expect({
      when,
      raw: findBytes(files, keyMaterial.dataKey),
      text: findNeedles(files, keyMaterial.needles),
    }).toEqual({ when, raw: [], text: [] });
  }

  /** Every key and value under the prefix, and in the whole Redis DB (the values are unique to this run). */
  async function searchRedis(when: string): Promise<void> {
    if (!store.redisPrefix) return;
    const entries = await redisEntries(REDIS_URL, `${store.redisPrefix}*`);
    expect([...new Set(entries.map((entry) => entry.type))]).toEqual(
      expect.arrayContaining(['hash', 'zset']),
    );
    expect({ when, keys: entries.length, hits: findNeedles(entries, needles) }).toEqual({
      when,
      keys: expect.any(Number),
      hits: [],
    });
    // The funnel keeps campaigns in hash field names; the nurture queue the other lead's id in a zset.
    const control = findNeedles(entries, [
      { label: 'control campaign', value: controlCampaign },
      { label: 'other lead id', value: other.leadId },
    ]);
    expect(control.map((hit) => `${hit.label} in ${hit.where.split(' ')[1]}`)).toEqual(
      expect.arrayContaining(['control campaign in hash', 'other lead id in zset']),
    );
    const everywhere = await redisEntries(REDIS_URL, '*', 'skip');
    expect({ when, wholeDb: findNeedles(everywhere, needles) }).toEqual({ when, wholeDb: [] });
  }

  /** Answers of the API or the CLI: none may hold the person once erased. */
  function noHitsIn(when: string, ...answers: readonly (Reply | string)[]): void {
    const haystacks = answers.map((answer, index) =>
      textOf(`${when} #${index}`, typeof answer === 'string' ? answer : answer.body),
    );
    expect(findNeedles(haystacks, needles)).toEqual([]);
  }

  /** An anonymous engagement of the person's cookie id, as the web tracker sends it. */
  const visit = async (api: TestApp, body: object) =>
    send(api.app, { method: 'POST', url: `/suspects/${person.anonymousId}/engagements`, payload: body });

  it('captures the person, walks them to nurture beside a few other leads, and the API shows every value', async () => {
    if (store.redisPrefix) await deletePrefix(REDIS_URL, store.redisPrefix);
    const api = await running();
    const profile = {
      firstName: person.firstName,
      lastName: person.lastName,
      company: person.company,
      title: person.title,
      phone: person.phone,
      anonymousId: person.anonymousId,
    };
    // Before giving an email, the person visited anonymously under that cookie id: the capture stitches it.
    for (const kind of ['web_visit', 'content_download'])
      ok(await visit(api, { kind, scoreDelta: 5, utm: { source: 'zq-expo', campaign: controlCampaign } }));
    const captured = ok(
      await capture(api.app, {
        email: person.email,
        source: 'zq-expo',
        campaign: controlCampaign,
        ...profile,
      }),
      201,
    );
    zelda = captured.json<Answer>().leadId;
    expect(captured.json<Answer>().events).toEqual(['LeadCaptured', 'SuspectStitched']);
    const walked = await walk(api, zelda, [
      ['engagements', { kind: 'web_visit', scoreDelta: 10, note: person.engagementNote }],
      ['mql', { score: 80, reason: 'score over 70' }],
      ['handoff', { toOwner: 'bob' }],
      ['reject', { reason: 'other', note: person.rejectNote }],
      ['reengage', { toStage: 'mql', note: person.reengageNote }],
      ['handoff', { toOwner: 'bob' }],
      ['accept'],
      [
        'qualify',
        {
          budget: 40000,
          authority: person.authority,
          need: person.need,
          timeline: person.timeline,
          amount: 35000,
        },
      ],
      ['lost', { reason: 'other', note: person.lostNote, recycle: false }],
      ['recycle', { reason: 'timing', note: person.recycleNote }],
    ]);
    expect(walked.stage).toBe('nurture');

    // A few other people, one of them in nurture on the same campaign.
    const otherEmail = uniqueEmail('zq-other');
    const otherId = ok(
      await capture(api.app, {
        email: otherEmail,
        source: 'zq-expo',
        campaign: controlCampaign,
        firstName: 'Ann',
      }),
      201,
    ).json<Answer>().leadId;
    await walk(api, otherId, stepsTo.nurture);
    other = { leadId: otherId, email: otherEmail };
    await leadAt(api.app, 'mql');
    await leadAt(api.app, 'sql');
    lastPosition = (await walk(api, await leadAt(api.app, 'lost'), [['reopen']])).position;
    beforeErasure = await figuresAt(api, lastPosition);
    expect(beforeErasure.funnel.groups.map((group) => group.key)).toEqual(
      expect.arrayContaining(['zq-expo', 'webinar']),
    );
    zeldaTypes = (await historyOf(api.app, zelda)).map((entry) => entry.type);

    // The person's key material, to search for once they are erased: the data key, wrapped in the vault,
    // and the blind-index entry of the address.
    const dataKey = await api.app.get<symbol, LeadIdentity>(LEAD_IDENTITY).personalData.openingKey(zelda);
    if (!dataKey) throw new Error('the lead has no data key');
    const vault = new Database(join(dataDir, 'vault.sqlite'), { readonly: true, fileMustExist: true });
    let wrapped: string | undefined;
    let blindIndex: string[];
    try {
      wrapped = vault
        .prepare<[string], { wrapped: string }>('SELECT wrapped FROM lead_keys WHERE lead_id = ?')
        .get(zelda)?.wrapped;
      blindIndex = vault
        .prepare<[string], { email_index: string }>('SELECT email_index FROM email_index WHERE lead_id = ?')
        .all(zelda)
        .map((row) => row.email_index);
    } finally {
      vault.close();
    }
    expect(wrapped).toMatch(/^v1\./);
    expect(blindIndex).toHaveLength(1);
    keyMaterial = {
      dataKey,
      needles: [
        ...textFormsOf('data key', dataKey),
        { label: 'wrapped data key', value: wrapped!.split('.')[1] },
        { label: 'blind-index entry', value: blindIndex[0] },
      ],
    };

    // The API opens every value for a reader who may see them.
    expect(ok(await getLead(api.app, zelda)).json()).toMatchObject({
      erased: false,
      personalData: 'shown',
      email: person.email.toLowerCase(),
      ...profile,
      stage: 'nurture',
    });
    const history = await historyOf(api.app, zelda);
    const dataOf = (type: string) =>
      history.filter((entry) => entry.type === type).map((entry) => entry.data);
    expect(dataOf('LeadQualified')).toEqual([
      expect.objectContaining({ authority: person.authority, need: person.need, timeline: person.timeline }),
    ]);
    expect(dataOf('EngagementRecorded')).toEqual(
      expect.arrayContaining([expect.objectContaining({ note: person.engagementNote })]),
    );
    // The rejection's note goes with the recycle it causes; the last recycle is the one after the lost deal.
    expect(
      ['LeadRejected', 'LeadReengaged', 'DealLost', 'LeadRecycled'].map((type) => dataOf(type).at(-1)?.note),
    ).toEqual([person.rejectNote, person.reengageNote, person.lostNote, person.recycleNote]);
    const nurture = await nurtureAt(api, lastPosition);
    expect(nurture.find((item) => item.leadId === zelda)).toMatchObject({
      email: person.email.toLowerCase(),
      note: person.recycleNote,
      personalData: 'shown',
    });
    // The lead index finds them by their address, through the blind index.
    const byEmail = `email=${encodeURIComponent(person.email)}`;
    expect(await foundAt(api, byEmail, lastPosition)).toEqual([{ leadId: zelda, erased: false }]);
  });

  it('before the erasure, no file and no Redis key holds the person in clear, though the searches find what is there', async () => {
    await running();
    // Sealed at rest: not one of the values in a file or in Redis, even now.
    searchDataDir('before the erasure, app running');
    await searchRedis('before the erasure, app running');

    // Every needle is found where the person is in clear: the opened export (the phone is kept as given).
    const opened = outputOf('export (before the erasure)', await cli(['export', '--format', 'ndjson']));
    const foundOpened = new Set(findNeedles(opened, needles).map((hit) => hit.label));
    expect(needles.map((needle) => needle.label).filter((label) => !foundOpened.has(label))).toEqual([
      'phone digits',
    ]);

    // The key material is found where it lives: the wrapped data key and the blind-index entry, in the vault.
    const files = filesOf(dataDir);
    const foundKeys = findNeedles(files, keyMaterial.needles).map(
      (hit) => `${hit.label} in ${databaseOf(hit.where)}`,
    );
    expect(foundKeys).toEqual(
      expect.arrayContaining(['wrapped data key in vault.sqlite', 'blind-index entry in vault.sqlite']),
    );
    // The data key itself is wrapped, never in clear.
    expect(findBytes(files, keyMaterial.dataKey)).toEqual([]);
    expect(findNeedles(files, textFormsOf('data key', keyMaterial.dataKey))).toEqual([]);
  });

  it('erased through the API: the lead reads erased, the history has every personal field null, the nurture queue drops it, the figures stay', async () => {
    const api = await running();
    const admin = await api.keyFor('privacy-officer', ['admin']);
    const erased = ok(await command(api.app, zelda, 'erase', {}, admin)).json<Answer>();
    expect(erased.events).toEqual(['LeadErased']);
    erasePosition = erased.position;
    // The vault overwrites what it deletes and checkpoints its WAL away at once, app still running.
    searchKeyMaterial('right after the erasure, app running');

    const lead = ok(await getLead(api.app, zelda));
    expect(lead.json()).toMatchObject({
      leadId: zelda,
      erased: true,
      personalData: 'erased',
      email: null,
      firstName: null,
      lastName: null,
      company: null,
      title: null,
      phone: null,
      anonymousId: null,
    });
    const history = await historyOf(api.app, zelda);
    expect(history.map((entry) => entry.type)).toEqual([...zeldaTypes, 'LeadErased']);
    for (const entry of history) {
      const fields = personalFields[entry.type as LeadEventType];
      const personal = Object.fromEntries(fields.map((field) => [field, entry.data[field]]));
      expect({ type: entry.type, personal }).toEqual({
        type: entry.type,
        personal: Object.fromEntries(fields.map((field) => [field, null])),
      });
      expect(entry.data).not.toHaveProperty('personal');
    }
    const nurture = await read(api, '/nurture?limit=500', erasePosition);
    const inNurture = nurture.json<{ items: NurtureItem[] }>().items.map((item) => item.leadId);
    expect(inNurture).toContain(other.leadId);
    expect(inNurture).not.toContain(zelda);
    // The address finds no one in the lead index; the lead is still there (it counts), flagged erased.
    const byEmail = await read(api, `/leads?email=${encodeURIComponent(person.email)}`, erasePosition);
    expect(byEmail.json<{ items: IndexItem[] }>().items).toEqual([]);
    const bySource = await read(api, '/leads?source=zq-expo&limit=500', erasePosition);
    expect(bySource.json<{ items: IndexItem[] }>().items).toEqual(
      expect.arrayContaining([expect.objectContaining({ leadId: zelda, erased: true })]),
    );
    expect(await figuresAt(api, erasePosition)).toEqual(beforeErasure);
    // The erasure touched this person only, and the lead takes no more commands.
    expect(ok(await getLead(api.app, other.leadId)).json()).toMatchObject({ email: other.email });
    const refused = await command(api.app, zelda, 'reengage', { toStage: 'lead' });
    expect(refused.statusCode).toBe(410);
    // The cookie is no longer tied to the person: its visits land on no lead.
    const unlinked = ok(await visit(api, { kind: 'web_visit', scoreDelta: 1 }));
    expect(unlinked.json()).toMatchObject({ leadId: null, events: [] });
    noHitsIn(
      'API answers after the erasure',
      lead,
      nurture,
      byEmail,
      bySource,
      refused,
      JSON.stringify(history),
    );
  });

  it('after the erasure, app closed (everything flushed): no file, Redis key or key material holds the person', async () => {
    await stopped();
    searchDataDir('after the erasure, app closed');
    searchKeyMaterial('after the erasure, app closed');
    await searchRedis('after the erasure, app closed');
  });

  it('after the erasure, no export format and no audit shows the person, and audit verify passes', async () => {
    await stopped();
    // The opened exports still show the other people: they do open personal data, just not this person's.
    for (const format of ['ndjson', 'csv']) {
      const run = await cli(['export', '--format', format]);
      const output = outputOf(`export ${format}`, run);
      expect(findNeedles(output, needles)).toEqual([]);
      expect(findNeedles(output, [{ label: 'other email', value: other.email }])).not.toEqual([]);
      expect(run.stdout).toContain(zelda);
      expect(run.stdout).toContain('LeadErased');
    }
    const auditJson = await cli(['audit', zelda, '--json']);
    const outputs = [
      ...outputOf('export ndjson --sealed', await cli(['export', '--format', 'ndjson', '--sealed'])),
      ...outputOf('export csv --sealed', await cli(['export', '--format', 'csv', '--sealed'])),
      ...outputOf('audit', await cli(['audit', zelda])),
      ...outputOf('audit --json', auditJson),
    ];
    expect(findNeedles(outputs, needles)).toEqual([]);
    const trail = json<Trail>(auditJson);
    expect(trail).toMatchObject({
      leadId: zelda,
      personalData: 'erased',
      email: null,
      chain: { intact: true },
    });
    expect(Object.values(trail.person ?? {}).every((value) => value === null)).toBe(true);
    expect(trail.events.map((event) => event.type)).toEqual([...zeldaTypes, 'LeadErased']);
    // The address finds no one (the operator's own input, echoed in the refusal, is not searched).
    expect((await cli(['audit', person.email])).code).toBe(1);
    expect(
      json<{ ok: boolean; findings: unknown[] }>(await cli(['audit', 'verify', '--json'])),
    ).toMatchObject({
      ok: true,
      findings: [],
    });
    searchDataDir('after the CLI runs');
  });

  it('after a restart: still erased and nowhere, the same figures; the address is captured as a new lead', async () => {
    const api = await running();
    const lead = ok(await getLead(api.app, zelda));
    expect(lead.json()).toMatchObject({ erased: true, personalData: 'erased', email: null });
    noHitsIn('API answers after the restart', lead);
    expect(await figuresAt(api, erasePosition)).toEqual(beforeErasure);
    searchDataDir('after a restart, app running');
    searchKeyMaterial('after a restart, app running');
    await searchRedis('after a restart, app running');

    const again = ok(await capture(api.app, { email: person.email, source: 'zq-return' }), 201);
    const fresh = again.json<Answer>();
    expect(fresh.leadId).not.toBe(zelda);
    expect(again.headers.location).toBe(`/leads/${fresh.leadId}`);
    expect(ok(await getLead(api.app, fresh.leadId)).json()).toMatchObject({
      email: person.email.toLowerCase(),
      erased: false,
      firstName: null,
    });
    expect(ok(await getLead(api.app, zelda)).json()).toMatchObject({ erased: true, email: null });
    recapturePosition = fresh.position;
    afterRecapture = await figuresAt(api, recapturePosition);
    // The address now finds the new lead, and only it.
    const byEmail = `email=${encodeURIComponent(person.email)}`;
    expect(await foundAt(api, byEmail, recapturePosition)).toEqual([{ leadId: fresh.leadId, erased: false }]);
    await stopped();
    // The new lead's address is sealed like any other.
    searchDataDir('after the new capture, app closed');
    await searchRedis('after the new capture, app closed');
  });

  it('after the read models are rebuilt from the log: nowhere, and the same figures', async () => {
    await stopped();
    const rebuilt = json<{ rebuilt: string[] }>(await cli(['rebuild', '--json']));
    expect(rebuilt.rebuilt).toEqual(
      expect.arrayContaining(['funnel', 'pipeline', 'nurture', 'handoffs', 'lead-index']),
    );
    searchDataDir('after leadger rebuild');
    await searchRedis('after leadger rebuild');
    // Redis: also from nothing, as after a flush; the app's projector builds them again at start.
    if (store.redisPrefix) await deletePrefix(REDIS_URL, store.redisPrefix);

    const api = await running();
    const figures = await figuresAt(api, recapturePosition);
    expect(figures).toEqual(afterRecapture);
    // Against the figures before the erasure: the one new capture is all that differs.
    expect(figures.pipeline).toEqual(beforeErasure.pipeline);
    expect(figures.handoffs).toEqual(beforeErasure.handoffs);
    expect(figures.funnel.groups.filter((group) => group.key !== 'zq-return')).toEqual(
      beforeErasure.funnel.groups,
    );
    const nurture = await nurtureAt(api, recapturePosition);
    expect(nurture.map((item) => item.leadId)).toContain(other.leadId);
    expect(nurture.map((item) => item.leadId)).not.toContain(zelda);
    const bySource = await foundAt(api, 'source=zq-expo&limit=500', recapturePosition);
    expect(bySource).toEqual(expect.arrayContaining([{ leadId: zelda, erased: true }]));
    searchDataDir('after the rebuild, app running');
    await searchRedis('after the rebuild, app running');
    await stopped();
    searchDataDir('after the rebuild, app closed');
  });
});
