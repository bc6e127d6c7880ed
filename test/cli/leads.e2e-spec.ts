import { join } from 'node:path';
import { leadIndex, type LeadIndexAnswer } from '@leadger/projections';
import { SqliteReadStore } from '@leadger/read-store';
import { eraseLead, json, openedEvents, runCli, seeded, tempDataDir } from './support/cli';

// `leadger leads`: the lead index at the CLI, as GET /leads answers it — by email through the data dir's
// blind index, and by owner, stage, source and capture days.

// Each test starts real `node` processes: slow on a busy two-core machine, and the first one transpiles.
jest.setTimeout(60_000);

const temp = tempDataDir();
afterAll(() => temp.dispose());
let ann: { leadId: string; email: string; source: string };

beforeAll(async () => {
  await seeded(temp.dir, 120, 5);
  const capture = (await openedEvents(temp.dir)).find((event) => event.type === 'LeadCaptured')!;
  ann = {
    leadId: String(capture.data.leadId),
    email: String(capture.data.email),
    source: String(capture.data.source),
  };
  expect((await runCli(temp.dir, ['rebuild'])).code).toBe(0);
}, 60_000);

/** The same query in-process, on the data dir's read models. */
async function inProcess(query: Parameters<typeof leadIndex>[1]): Promise<LeadIndexAnswer> {
  const store = new SqliteReadStore({ path: join(temp.dir, 'read-models.sqlite') });
  try {
    return await leadIndex(store, query);
  } finally {
    await store.close();
  }
}

describe('leadger leads', () => {
  it('--json answers what the lead index answers, filters combined, page by page', async () => {
    const first = json<LeadIndexAnswer>(
      await runCli(temp.dir, [
        'leads',
        '--source',
        ann.source,
        '--captured-from',
        '2020-01-01',
        '--limit',
        '3',
        '--json',
      ]),
    );
    expect(first).toEqual(await inProcess({ source: ann.source, capturedFrom: '2020-01-01', limit: 3 }));
    expect(first.items).toHaveLength(3);
    const next = json<LeadIndexAnswer>(
      await runCli(temp.dir, [
        'leads',
        '--source',
        ann.source,
        '--limit',
        '3',
        '--cursor',
        first.nextCursor!,
        '--json',
      ]),
    );
    expect(next).toEqual(await inProcess({ source: ann.source, limit: 3, cursor: first.nextCursor! }));
    const { stage } = first.items[0];
    const inStage = json<LeadIndexAnswer>(await runCli(temp.dir, ['leads', '--stage', stage, '--json']));
    expect(inStage.items.map((item) => item.stage)).toEqual(inStage.items.map(() => stage));
    expect(inStage).toEqual(await inProcess({ stage }));
  });

  it('--email finds the lead through the blind index, shown in a table with nothing personal', async () => {
    const found = json<LeadIndexAnswer>(
      await runCli(temp.dir, ['leads', '--email', ` ${ann.email.toUpperCase()} `, '--json']),
    );
    expect(found.items.map((item) => item.leadId)).toEqual([ann.leadId]);
    const human = await runCli(temp.dir, ['leads', '--email', ann.email]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^Leads — live read model at position \d+/);
    expect(human.stdout).toContain(ann.leadId);
    expect(human.stdout.toLowerCase()).not.toContain(ann.email.toLowerCase());
  });

  it('an erased lead: its email finds nothing, but it is still listed, flagged', async () => {
    await eraseLead(temp.dir, ann.leadId);
    expect((await runCli(temp.dir, ['rebuild', 'lead-index'])).code).toBe(0);
    const found = json<LeadIndexAnswer>(await runCli(temp.dir, ['leads', '--email', ann.email, '--json']));
    expect(found.items).toEqual([]);
    const listed = json<LeadIndexAnswer>(
      await runCli(temp.dir, ['leads', '--source', ann.source, '--limit', '500', '--json']),
    );
    expect(listed.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ leadId: ann.leadId, erased: true })]),
    );
  });

  it.each([
    [['--stage', 'customer'], /argument 'customer' is invalid/],
    [['--captured-from', '2025-02-30'], /Expected a day/],
    [['--limit', '501'], /from 1 to 500/],
    [['--cursor', 'not-ours'], /cursor is not a cursor this service returned/],
  ])('refuses %j with exit code 2', async (args, message) => {
    const run = await runCli(temp.dir, ['leads', ...args]);
    expect({ code: run.code, stderr: run.stderr }).toEqual({
      code: 2,
      stderr: expect.stringMatching(message),
    });
  });
});
