import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { RecordedEvent } from '@leadger/event-store';
import { json, openedEvents, ROOT, runCli, seededDataDir } from './support/cli';

// `leadger export`: every event, in $all order, as NDJSON or CSV, filtered by type and time, streamed;
// personal fields opened with each lead's key, or with --sealed exactly as stored.

// Each test starts real `node` processes: slow on a busy two-core machine, and the first one transpiles.
jest.setTimeout(60_000);

const data = seededDataDir(200, 5);
/** The export writes lead events; anonymous visitors' streams are not leads. */
const isLead = (event: RecordedEvent) => event.streamName.startsWith('lead-');
const events: RecordedEvent[] = [];
/** The same events with their personal fields opened, as the export writes them by default. */
const opened: RecordedEvent[] = [];
beforeAll(async () => {
  events.push(...data.events.filter(isLead));
  opened.push(...(await openedEvents(data.dir)).filter(isLead));
});

const lines = (text: string) => text.split('\n').filter((line) => line !== '');

describe('leadger export', () => {
  it('writes all N events as NDJSON, one per line, in $all order, personal fields opened', async () => {
    const run = await runCli(data.dir, ['export', '--format', 'ndjson']);
    expect(run.code).toBe(0);
    const exported = lines(run.stdout).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(exported).toHaveLength(events.length);
    expect(exported.map((e) => e.position)).toEqual(events.map((e) => String(e.position)));
    expect(exported[7]).toEqual({
      position: String(events[7].position),
      stream: events[7].streamName,
      revision: String(events[7].revision),
      id: events[7].id,
      type: events[7].type,
      data: opened[7].data,
      metadata: events[7].metadata,
    });
    const captures = exported.filter((e) => e.type === 'LeadCaptured');
    expect(captures.length).toBeGreaterThan(100);
    for (const { data: body } of captures) {
      expect(body).toMatchObject({ email: expect.stringMatching(/^[^@\s]+@[^@\s]+$/) });
      expect(body).not.toHaveProperty('personal');
    }
  });

  it('writes the events exactly as stored with --sealed: no personal field in clear', async () => {
    const run = await runCli(data.dir, ['export', '--sealed']);
    expect(run.code).toBe(0);
    const exported = lines(run.stdout).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(exported).toEqual(
      events.map((e) => ({
        position: String(e.position),
        stream: e.streamName,
        revision: String(e.revision),
        id: e.id,
        type: e.type,
        data: e.data,
        metadata: e.metadata,
      })),
    );
    // No address is left in clear anywhere in the output.
    const emails = opened.filter((e) => e.type === 'LeadCaptured').map((e) => String(e.data.email));
    expect(emails.filter((email) => run.stdout.includes(email))).toEqual([]);
  });

  it('writes CSV with a header row and one row per event, data and metadata as JSON', async () => {
    const run = await runCli(data.dir, ['export', '--format', 'csv']);
    expect(run.code).toBe(0);
    const rows = parse(run.stdout, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(events.length);
    const last = events[events.length - 1];
    expect(rows[rows.length - 1]).toMatchObject({
      position: String(last.position),
      stream: last.streamName,
      type: last.type,
      occurredAt: last.metadata.occurredAt,
      actor: last.metadata.actor,
      leadId: last.data.leadId,
    });
    expect(JSON.parse(rows[3].data)).toEqual(opened[3].data);
    expect(JSON.parse(rows[3].metadata)).toEqual(events[3].metadata);
  });

  it('keeps only the types and the time range asked for', async () => {
    const from = Date.parse('2025-03-01T00:00:00Z');
    const to = Date.parse('2025-05-01T00:00:00Z');
    const wanted = events.filter((e) => {
      const at = Date.parse(String(e.metadata.occurredAt));
      return ['LeadCaptured', 'DealWon'].includes(e.type) && at >= from && at < to;
    });
    const run = await runCli(data.dir, [
      'export',
      '--type',
      'LeadCaptured,DealWon',
      '--from',
      '2025-03-01',
      '--to',
      '2025-05-01',
    ]);
    expect(run.code).toBe(0);
    expect(lines(run.stdout).map((line) => (JSON.parse(line) as { id: string }).id)).toEqual(
      wanted.map((e) => e.id),
    );
    expect(wanted.length).toBeGreaterThan(10);
  });

  it('writes to a file with --out and reports what it wrote', async () => {
    const out = join(data.dir, 'events.ndjson');
    const summary = json<{ exported: number; read: number }>(
      await runCli(data.dir, ['export', '--out', out, '--json']),
    );
    expect(summary).toMatchObject({ exported: events.length, read: events.length });
    expect(lines(readFileSync(out, 'utf8'))).toHaveLength(events.length);
  });

  it('stops quietly (exit 0) when the reader goes away, as with `| head -1`', async () => {
    const child = spawn(
      process.execPath,
      ['-r', './tools/register-ts.js', 'apps/cli/src/main.ts', 'export'],
      {
        cwd: ROOT,
        env: { ...process.env, LEADGER_DATA_DIR: data.dir },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise((done) => child.once('close', done));
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  });

  it('refuses bad arguments with a message and exit code 2', async () => {
    for (const [args, message] of [
      [['export', '--format', 'xml'], /Allowed choices are ndjson, csv/],
      [['export', '--type', 'LeadTeleported'], /unknown event type LeadTeleported/],
      [['export', '--from', '2025-05-01', '--to', '2025-03-01'], /--to must be after --from/],
      [['export', '--from', 'May'], /--from <moment>.*invalid/],
    ] as const) {
      const run = await runCli(data.dir, args);
      expect({ args, code: run.code, stdout: run.stdout }).toEqual({ args, code: 2, stdout: '' });
      expect(run.stderr).toMatch(message);
    }
  });
});
