import { eventContent } from '../support/event-content';
import { json, runCli, storedEvents, tempDataDir } from './support/cli';

// `leadger seed`: a deterministic synthetic year, written through the real CLI process.

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
    expect(new Set(events.map((e) => e.streamName)).size).toBe(300);
  });

  it('gives the same events for the same seed: ids, types, data and metadata', async () => {
    json(await runCli(b.dir, ['seed', '--leads', '300', '--seed', '42', '--workers', '0', '--json']));
    expect(eventContent(await storedEvents(b.dir))).toEqual(eventContent(await storedEvents(a.dir)));
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
