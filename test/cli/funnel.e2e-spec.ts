import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@leadger/event-store';
import { defaultFunnelParts } from '@leadger/lead-domain';
import {
  campaignInfluence,
  funnel,
  funnelParts,
  pipeline,
  rebuildProjections,
  stageTimes,
} from '@leadger/projections';
import { SqliteReadStore } from '@leadger/read-store';
import { json, runCli, seededDataDir } from './support/cli';

// `leadger funnel|pipeline --as-of D`: the read model as it stood at D must be what projecting a log that
// only ever held the events before D gives, computed here in-process, independently of the CLI.

// Each test starts real `node` processes: slow on a busy two-core machine, and the first one transpiles.
jest.setTimeout(60_000);

const data = seededDataDir(400, 3);
const D = '2025-06-15';
const { events } = data;

/** The read models of only the events whose `field` is before D, projected from scratch. */
async function modelsBefore(field: 'occurredAt' | 'recordedAt'): Promise<SqliteReadStore> {
  const before = new SqliteEventStore({ path: ':memory:' });
  for (const { streamName, id, type, data: body, metadata } of events) {
    if (Date.parse(String(metadata[field])) >= Date.parse(`${D}T00:00:00Z`)) continue;
    await before.appendToStream(streamName, [{ id, type, data: body, metadata }], 'any');
  }
  const readStore = new SqliteReadStore({ path: ':memory:' });
  await rebuildProjections({ eventStore: before, readStore });
  await before.close();
  return readStore;
}

const figures = <T extends { position: unknown }>({ position: _p, ...rest }: T) => rest;
const answer = <T extends { position: unknown; asOf?: unknown; by?: unknown }>({
  asOf: _a,
  by: _b,
  ...rest
}: T) => figures(rest);

describe('leadger funnel --as-of', () => {
  it('equals the funnel of only the events that happened before that day, grouped by day', async () => {
    const query = { groupBy: 'cohort', cohort: 'day' } as const;
    const run = json<Awaited<ReturnType<typeof funnel>> & { asOf: string; by: string }>(
      await runCli(data.dir, ['funnel', '--as-of', D, '--group-by', 'cohort', '--cohort', 'day', '--json']),
    );
    const expected = await modelsBefore('occurredAt');
    expect(run.asOf).toBe(`${D}T00:00:00.000Z`);
    expect(run.by).toBe('occurredAt');
    expect(answer(run)).toEqual(figures(await funnel(expected, query)));
    // Not a trivial cut: some of the year is in, most of it is out.
    expect(run.total.reached.lead).toBeGreaterThan(100);
    expect(run.total.reached.lead).toBeLessThan(300);
    expect(run.total.reached.sql).toBeGreaterThan(0);
    await expected.close();
  });

  it('--group-by origin and --origin split and filter by who found the lead, suspects with marketing', async () => {
    const expected = await modelsBefore('occurredAt');
    const run = json<Awaited<ReturnType<typeof funnel>>>(
      await runCli(data.dir, ['funnel', '--as-of', D, '--group-by', 'origin', '--json']),
    );
    expect(answer(run)).toEqual(figures(await funnel(expected, { groupBy: 'origin' })));
    expect(run.groups!.map((group) => group.key)).toEqual(['marketing', 'sales']);
    expect(run.total.suspects.visitors).toBeGreaterThan(0);
    const sales = json<Awaited<ReturnType<typeof funnel>>>(
      await runCli(data.dir, ['funnel', '--as-of', D, '--origin', 'sales', '--json']),
    );
    expect(answer(sales)).toEqual(figures(await funnel(expected, { origin: 'sales' })));
    expect(sales.total.suspects.visitors).toBe(0);
    await expected.close();
  });

  it('--by recorded keeps what the store had taken by then', async () => {
    const run = json<Awaited<ReturnType<typeof funnel>>>(
      await runCli(data.dir, ['funnel', '--as-of', D, '--by', 'recorded', '--group-by', 'source', '--json']),
    );
    const expected = await modelsBefore('recordedAt');
    expect(answer(run)).toEqual(figures(await funnel(expected, { groupBy: 'source' })));
    await expected.close();
  });

  it('pipeline --as-of equals the pipeline of only the events before that day', async () => {
    const run = json<Awaited<ReturnType<typeof pipeline>>>(
      await runCli(data.dir, ['pipeline', '--as-of', D, '--json']),
    );
    const expected = await modelsBefore('occurredAt');
    expect(answer(run)).toEqual(figures(await pipeline(expected)));
    expect(run.closed.won.count + run.closed.lost.count).toBeGreaterThan(0);
    await expected.close();
  });

  it('pipeline weighs deals with the rules file’s win probabilities, and refuses a bad file naming its line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'leadger-cli-rules-'));
    try {
      const rules = (name: string, text: string) => {
        writeFileSync(join(dir, name), text);
        return { LEADGER_POLICIES: join(dir, name) };
      };
      const even = rules(
        'even.yaml',
        'winProbabilities: { prospecting: 0.5, evaluation: 0.5, commitment: 0.5 }\n',
      );
      const run = json<Awaited<ReturnType<typeof pipeline>>>(
        await runCli(data.dir, ['pipeline', '--as-of', D, '--json'], even),
      );
      expect(run.probabilities).toEqual({ prospecting: 0.5, evaluation: 0.5, commitment: 0.5 });
      expect(run.open.total.weightedAmount).toBeCloseTo(run.open.total.amount / 2, 2);
      const bad = rules(
        'bad.yaml',
        'winProbabilities:\n  prospecting: 2\n  evaluation: 0.4\n  commitment: 0.75\n',
      );
      const refused = await runCli(data.dir, ['pipeline', '--as-of', D], bad);
      expect({ code: refused.code, stdout: refused.stdout }).toEqual({ code: 2, stdout: '' });
      expect(refused.stderr).toContain(
        `${bad.LEADGER_POLICIES}:2: winProbabilities.prospecting must be 1 or less`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('without --as-of reads the live read models; rebuilt, they equal an as-of after the last event', async () => {
    expect(json<{ events: number }>(await runCli(data.dir, ['rebuild', '--json'])).events).toBe(
      events.length,
    );
    const live = json<Awaited<ReturnType<typeof funnel>>>(await runCli(data.dir, ['funnel', '--json']));
    const late = json<Awaited<ReturnType<typeof funnel>>>(
      await runCli(data.dir, ['funnel', '--as-of', '2100-01-01', '--json']),
    );
    expect(answer(live)).toEqual(answer(late));
    const human = await runCli(data.dir, ['funnel', '--as-of', D, '--group-by', 'source']);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^Funnel — as of 2025-06-15T00:00:00.000Z \(by occurredAt\)/);
    expect(human.stdout).toMatch(/By source:/);
  });

  it('--parts and --stages as of a day equal the parts and stage times of only the events before it', async () => {
    const expected = await modelsBefore('occurredAt');
    const parts = json<Awaited<ReturnType<typeof funnelParts>>>(
      await runCli(data.dir, ['funnel', '--parts', '--as-of', D, '--from', '2025-03-01', '--json']),
    );
    expect(answer(parts)).toEqual(
      figures(await funnelParts(expected, defaultFunnelParts, { from: '2025-03-01' })),
    );
    expect(parts.parts.map((part) => part.name)).toEqual(['ToFu', 'MoFu', 'BoFu', 'customers']);
    expect(parts.parts[0].now).toBeGreaterThan(0);
    const stages = json<Awaited<ReturnType<typeof stageTimes>>>(
      await runCli(data.dir, ['funnel', '--stages', '--as-of', D, '--group-by', 'owner', '--json']),
    );
    expect(answer(stages)).toEqual(figures(await stageTimes(expected, { groupBy: 'owner' })));
    const campaigns = json<Awaited<ReturnType<typeof campaignInfluence>>>(
      await runCli(data.dir, ['funnel', '--campaigns', '--as-of', D, '--from', '2025-04-01', '--json']),
    );
    expect(answer(campaigns)).toEqual(figures(await campaignInfluence(expected, { from: '2025-04-01' })));
    expect(campaigns.campaigns.length).toBeGreaterThan(0);
    await expected.close();
    const human = await runCli(data.dir, ['funnel', '--parts', '--as-of', D]);
    expect(human.stdout).toMatch(/^Funnel parts — as of 2025-06-15/);
    expect(human.stdout).toMatch(/MoFu +marketing and sales development/);
  });

  it('refuses bad arguments with a message and exit code 2', async () => {
    for (const args of [
      ['funnel', '--group-by', 'owner'],
      ['funnel', '--stages', '--group-by', 'cohort'],
      ['funnel', '--parts', '--stages'],
      ['funnel', '--campaigns', '--stages'],
      ['funnel', '--parts', '--from', '2025-02-30'],
      ['funnel', '--as-of', 'last tuesday'],
      ['funnel', '--group-by', 'colour'],
      ['pipeline', '--closed-from', '2025-02-30'],
      ['funnel', '--captured-from', '2025-03-01', '--captured-to', '2025-02-01'],
    ]) {
      const run = await runCli(data.dir, args);
      expect({ args, code: run.code }).toEqual({ args, code: 2 });
      expect(run.stderr).toMatch(/invalid|must|Allowed choices|needs|groups by|cannot be used/);
    }
  });
});
