import { join } from 'node:path';
import { SqliteEventStore } from '@leadger/event-store';
import { FUNNEL, startProjector } from '@leadger/projections';
import { SqliteReadStore } from '@leadger/read-store';
import { json, runCli, seededDataDir } from './support/cli';

// `leadger rebuild`: drops read models and replays the log into them, refusing (exit 3) while a live
// projector holds them.

// Each test starts real `node` processes: slow on a busy two-core machine, and the first one transpiles.
jest.setTimeout(60_000);

const data = seededDataDir(150, 8);

interface Rebuilt {
  readonly rebuilt: string[];
  readonly position: string;
  readonly events: number;
}

describe('leadger rebuild', () => {
  it('rebuilds every read model from the whole log', async () => {
    const result = json<Rebuilt>(await runCli(data.dir, ['rebuild', '--json']));
    expect(result).toEqual({
      rebuilt: ['funnel', 'pipeline', 'nurture', 'handoffs', 'customer-nurture'],
      position: String(data.events.length),
      events: data.events.length,
      ms: expect.any(Number),
    });
  });

  it('rebuilds only the read models named, and says what it did', async () => {
    const run = await runCli(data.dir, ['rebuild', 'funnel', 'handoffs']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      new RegExp(
        `^rebuilt funnel, handoffs from ${data.events.length} events up to position ${data.events.length}`,
      ),
    );
  });

  it('refuses with exit code 3 while a live projector holds the read models, and works once it stopped', async () => {
    const eventStore = new SqliteEventStore({ path: join(data.dir, 'events.sqlite') });
    const readStore = new SqliteReadStore({ path: join(data.dir, 'read-models.sqlite') });
    const projector = startProjector({ eventStore, readStore, leaseMs: 30_000 });
    try {
      await projector.caughtUp();
      const refused = await runCli(data.dir, ['rebuild', 'funnel']);
      expect(refused.code).toBe(3);
      expect(refused.stderr).toMatch(
        /cannot rebuild: read model funnel is being written by .*stop it, or wait/,
      );
      expect(await readStore.leaseHolder(FUNNEL)).not.toBeNull();
    } finally {
      await projector.stop();
      await Promise.all([readStore.close(), eventStore.close()]);
    }
    expect(json<Rebuilt>(await runCli(data.dir, ['rebuild', 'funnel', '--json'])).events).toBe(
      data.events.length,
    );
  });

  it('refuses an unknown read model with exit code 2, naming the known ones', async () => {
    const run = await runCli(data.dir, ['rebuild', 'funnel', 'forecast']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown read model forecast; known: funnel, pipeline, nurture, handoffs/);
    const help = await runCli(data.dir, ['rebuild', '--help']);
    expect(help.stdout).toMatch(/Usage: leadger rebuild \[options\] \[projection\.\.\.\]/);
  });
});
