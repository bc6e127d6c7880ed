import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { readmeSnippets } from './readme-snippets';

// The README's CLI walkthrough, pasted as a newcomer would, from the project folder (where `npm run cli`
// runs): seed, rebuild, funnel and pipeline live and as of a date, audit, verify, export and import. Its
// demo store is moved to a temp folder, and nothing else is changed.

const run = promisify(execFile);
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'leadger-readme-cli-'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the README’s CLI walkthrough', () => {
  it('runs as written, in order: every command exits 0 and says what it did', async () => {
    const [walkthrough, ...others] = readmeSnippets('cli');
    expect(others).toEqual([]);
    const script = `set -euo pipefail\n${walkthrough.replaceAll('/tmp/leadger-demo', dir)}`;
    const { stdout } = await run('bash', ['-c', script], {
      cwd: resolve(__dirname, '../..'),
      env: { ...process.env, LEADGER_DATA_DIR: '' },
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(stdout).toMatch(/Lead [0-9a-f-]{36} — .*<elif\.weber\+s7-42@gringotts-finance\.example>/);
    expect(stdout).toMatch(/every hash chain is intact/);
    expect(stdout).toMatch(/exported \d+ of [\d,]+ events as csv/);
    expect(stdout).toMatch(/2 rows — imported 2, unchanged 0/);
    expect(existsSync(join(dir, 'q1-closes.csv'))).toBe(true);
  }, 240_000);
});
