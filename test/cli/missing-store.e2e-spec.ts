import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { copyEventStore, json, runCli, seededDataDir, tempDataDir } from './support/cli';

// A data dir that is not there (a typo in LEADGER_DATA_DIR, a volume not mounted) must not read as an empty
// log: the commands that only read refuse it (exit 2, naming the folder) and create nothing; the ones that
// write create the store as before.

// Each test starts real `node` processes: slow on a busy two-core machine, and the first one transpiles.
jest.setTimeout(60_000);

const temp = tempDataDir();
afterAll(() => temp.dispose());
const seeded = seededDataDir(20, 5);

const readOnly = [
  ['funnel'],
  ['funnel', '--as-of', '2025-06-01'],
  ['pipeline'],
  ['pipeline', '--as-of', '2025-06-01'],
  ['audit', 'ada@example.com'],
  ['audit', 'verify'],
  ['export'],
  ['rebuild'],
  ['keys', 'list'],
  ['keys', 'revoke', 'ops'],
];

describe('a data dir that does not exist', () => {
  const missing = join(temp.dir, 'no-such-folder');

  it.each(readOnly.map((args) => [args.join(' '), args] as const))(
    'leadger %s refuses it with exit 2, naming the folder, and creates nothing',
    async (_command, args) => {
      const run = await runCli(missing, args);
      expect({ code: run.code, stdout: run.stdout }).toEqual({ code: 2, stdout: '' });
      expect(run.stderr).toContain(`no event store in ${missing}`);
      expect(run.stderr).toMatch(/folder does not exist/);
      expect(existsSync(missing)).toBe(false);
    },
  );

  it('is created by seed, which writes to it', async () => {
    const fresh = join(temp.dir, 'new', 'data');
    const seed = json<{ leads: number }>(
      await runCli(fresh, ['seed', '--leads', '3', '--workers', '0', '--json']),
    );
    expect(seed.leads).toBe(3);
    expect(existsSync(join(fresh, 'events.sqlite'))).toBe(true);
  });
});

describe('a data dir that holds no event store', () => {
  it('is refused by a read-only command and left as it was', async () => {
    const empty = join(temp.dir, 'empty');
    mkdirSync(empty);
    const run = await runCli(empty, ['export']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`no event store in ${empty}`);
    expect(run.stderr).toMatch(/holds no events\.sqlite/);
    expect(readdirSync(empty)).toEqual([]);
  });
});

describe('a log without its vault', () => {
  it('is refused by audit and export (exit 2), which make no new vault or master key beside it', async () => {
    const bare = join(temp.dir, 'bare');
    mkdirSync(bare);
    copyEventStore(seeded.dir, bare);
    const leadId = String(seeded.events[0].data.leadId);
    for (const args of [['audit', leadId], ['export'], ['keys', 'list']]) {
      const run = await runCli(bare, args);
      expect({ args, code: run.code, stdout: run.stdout }).toEqual({ args, code: 2, stdout: '' });
      expect(run.stderr).toContain(`no vault in ${bare}`);
    }
    expect(readdirSync(bare).filter((file) => !file.startsWith('events.sqlite'))).toEqual([]);
    // What needs no key still works: the hashes cover the stored, sealed events.
    expect(json<{ ok: boolean }>(await runCli(bare, ['audit', 'verify', '--json'])).ok).toBe(true);
    expect((await runCli(bare, ['export', '--sealed'])).code).toBe(0);
  });
});

describe('a log whose read models were never built', () => {
  it('is not shown as an empty funnel: the live query asks for a rebuild, --as-of still works', async () => {
    const live = await runCli(seeded.dir, ['funnel']);
    expect(live.code).toBe(2);
    expect(live.stderr).toContain(`no read models in ${seeded.dir}`);
    expect(live.stderr).toMatch(/leadger rebuild/);
    expect(existsSync(join(seeded.dir, 'read-models.sqlite'))).toBe(false);

    const asOf = json<{ total: { reached: { lead: number } } }>(
      await runCli(seeded.dir, ['funnel', '--as-of', '2030-01-01', '--json']),
    );
    expect(asOf.total.reached.lead).toBe(20);
  });
});
