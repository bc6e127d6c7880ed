import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli } from '../cli/support/cli';
import { API_MAIN, startProgram, WORKER_MAIN } from '../support/processes';

// Every program reads its settings through the one schema of @leadger/config: the API, the worker and the
// CLI, run as real processes with the README's example of two bad variables, each stop before opening a
// store and print what the README says they print.

jest.setTimeout(60_000);

const README = readFileSync(resolve(__dirname, '../../README.md'), 'utf8');
const section = README.slice(README.indexOf('## Configuration'), README.indexOf('## HTTP API'));

/** The variables of the README's example command (`PORT=eighty LOG_LEVEL=loud npm run start:prod`). */
function exampleEnv(): Record<string, string> {
  const command = /`((?:[A-Z_]+=\S+ )+)npm run start:prod`/.exec(section);
  if (!command) throw new Error('README.md, Configuration: no example command with bad variables');
  return Object.fromEntries(
    command[1]
      .trim()
      .split(' ')
      .map((pair) => pair.split('=', 2)),
  );
}

/** The lines the README shows the example printing. */
function examplePrinted(): string {
  const block = /```text\n([\s\S]*?)```/.exec(section);
  if (!block) throw new Error('README.md, Configuration: no example output');
  return block[1];
}

describe('every program given the README’s two bad variables', () => {
  const env = exampleEnv();
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'leadger-bad-config-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('names both variables in the README’s example', () => {
    expect(Object.keys(env)).toHaveLength(2);
    for (const variable of Object.keys(env)) expect(examplePrinted()).toContain(`  ${variable} must be`);
  });

  it.each([
    ['the API', API_MAIN],
    ['the worker', WORKER_MAIN],
  ])(
    '%s exits with 1, logging the README’s lines as one fatal line, and opens no store',
    async (_name, main) => {
      const program = startProgram(main, { ...env, LEADGER_DATA_DIR: dataDir });
      expect(await program.exited).toEqual({ code: 1, signal: null });
      const fatal = program
        .output()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { level: string; msg: string })
        .filter((line) => line.level === 'fatal');
      expect(fatal.map((line) => `${line.msg}\n`)).toEqual([examplePrinted()]);
      expect(readdirSync(dataDir)).toEqual([]);
    },
  );

  it('the CLI exits with 2, printing the same lines after `leadger: `, and opens no store', async () => {
    const run = await runCli(dataDir, ['funnel'], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`leadger: ${examplePrinted()}`);
    expect(readdirSync(dataDir)).toEqual([]);
  });
});
