import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '../projections/support/read-models';
import {
  API_MAIN,
  freePort,
  startServer,
  stopProgram,
  WORKER_MAIN,
  type Program,
} from '../support/processes';

// A misspelt variable is ignored, its setting left at the default: the API and the worker, run as real
// processes with `LEADGER_DATADIR` beside the real `LEADGER_DATA_DIR`, each warn naming both before they
// start, then start as usual on the data dir the real variable names.

jest.setTimeout(90_000);

interface Line {
  readonly level: string;
  readonly msg: string;
  readonly dataDir?: string;
}

/** The program's JSON log lines so far, in order. */
const linesOf = (program: Program): Line[] =>
  program
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Line);

let dir: string;
let program: Program | undefined;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'leadger-unknown-variables-'))));
afterEach(async () => {
  if (program) await stopProgram(program);
  program = undefined;
  rmSync(dir, { recursive: true, force: true });
});

describe('a misspelt LEADGER_DATADIR beside the real LEADGER_DATA_DIR', () => {
  const warning = 'unknown variable LEADGER_DATADIR; did you mean LEADGER_DATA_DIR?';

  it('the API logs a warn line naming LEADGER_DATADIR and LEADGER_DATA_DIR before its listening line, and runs on LEADGER_DATA_DIR', async () => {
    const dataDir = join(dir, 'data');
    const misspelt = join(dir, 'misspelt');
    const port = await freePort();
    const env = { LEADGER_DATA_DIR: dataDir, LEADGER_DATADIR: misspelt, LOG_LEVEL: 'info' };
    program = await startServer(API_MAIN, port, env);
    const started = `Leadger listening on http://127.0.0.1:${port} (event store: embedded SQLite in ${dataDir})`;
    const api = program;
    await eventually('the API saying it listens', async () =>
      linesOf(api).some((line) => line.msg === started),
    );

    const lines = linesOf(program);
    const warned = lines.findIndex((line) => line.level === 'warn' && line.msg === warning);
    expect(warned).toBeGreaterThanOrEqual(0);
    expect(warned).toBeLessThan(lines.findIndex((line) => line.msg === started));
    expect(existsSync(misspelt)).toBe(false);
  });

  it('the worker logs a warn line naming LEADGER_DATADIR and LEADGER_DATA_DIR before "worker started", and runs on LEADGER_DATA_DIR', async () => {
    const dataDir = join(dir, 'data');
    const misspelt = join(dir, 'misspelt');
    // The worker serves no HTTP but its metrics port: that it answers there shows the worker up.
    const port = await freePort();
    const env = {
      LEADGER_DATA_DIR: dataDir,
      LEADGER_DATADIR: misspelt,
      LEADGER_METRICS_PORT: String(port),
      LOG_LEVEL: 'info',
    };
    program = await startServer(WORKER_MAIN, port, env, '/health/live');
    const worker = program;
    await eventually('the worker saying it started', async () =>
      linesOf(worker).some((line) => line.msg === 'worker started'),
    );

    const lines = linesOf(program);
    const warned = lines.findIndex((line) => line.level === 'warn' && line.msg === warning);
    const started = lines.findIndex((line) => line.msg === 'worker started');
    expect(warned).toBeGreaterThanOrEqual(0);
    expect(warned).toBeLessThan(started);
    expect(lines[started].dataDir).toBe(dataDir);
    expect(existsSync(misspelt)).toBe(false);
  });
});
