import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openedContent } from '../support/event-content';
import { json, runCli, storedEvents, tempDataDir, withIdentity } from './support/cli';

// `leadger seed`: a deterministic synthetic year, written through the real CLI process, its personal
// fields sealed under the data dir's own vault.

/** The data dir's events with their personal fields opened by its own vault, hashes left out. */
async function content(dir: string) {
  const events = await storedEvents(dir);
  return withIdentity(dir, (_store, { personalData }) => openedContent(events, personalData));
}

// Each test starts real `node` processes: slow on a busy two-core machine, and the first one transpiles.
jest.setTimeout(60_000);

const a = tempDataDir();
const b = tempDataDir();

afterAll(() => {
  a.dispose();
  b.dispose();
});

interface SeedAnswer {
  readonly leads: number;
  readonly events: number;
  readonly lastPosition: string;
}

describe('leadger seed', () => {
  let first: SeedAnswer;

  beforeAll(async () => {
    // Built in two worker threads here, in the main thread for `b`: the events must not differ.
    first = json<SeedAnswer>(
      await runCli(a.dir, ['seed', '--leads', '300', '--seed', '42', '--workers', '2', '--json']),
    );
  }, 30_000);

  it('writes the leads and reports what it wrote', async () => {
    expect(first.leads).toBe(300);
    const events = await storedEvents(a.dir);
    expect(events).toHaveLength(first.events);
    expect(first.lastPosition).toBe(String(events.at(-1)?.position));
    const streams = new Set(events.map((e) => e.streamName));
    expect([...streams].filter((stream) => stream.startsWith('lead-'))).toHaveLength(300);
    // Anonymous visitors too: some became those leads, some never gave an email.
    expect([...streams].filter((stream) => stream.startsWith('suspect-')).length).toBeGreaterThan(50);
    expect(existsSync(join(a.dir, 'vault.sqlite'))).toBe(true);
    const captures = events.filter((e) => e.type === 'LeadCaptured');
    expect(captures.every((e) => e.data.email === null && typeof e.data.personal === 'string')).toBe(true);
  });

  it('gives the same events for the same seed: ids, types, opened data and metadata', async () => {
    json(await runCli(b.dir, ['seed', '--leads', '300', '--seed', '42', '--workers', '0', '--json']));
    // Each data dir seals under its own keys and nonces: the events are the same once opened.
    expect(await content(b.dir)).toEqual(await content(a.dir));
  });

  it('writes nothing new when run again with the same seed', async () => {
    const again = json<SeedAnswer>(await runCli(a.dir, ['seed', '--leads', '300', '--seed', '42', '--json']));
    expect(again.events).toBe(first.events);
    expect(await storedEvents(a.dir)).toHaveLength(first.events);
  });

  it('refuses bad arguments with a message and exit code 2, writing nothing', async () => {
    const missing = await runCli(b.dir, ['seed']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/required option '--leads <n>'/);
    const bad = await runCli(b.dir, ['seed', '--leads', 'many']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--leads <n>.*invalid/);
    const help = await runCli(b.dir, ['seed', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: leadger seed \[options\]/);
  });
});
