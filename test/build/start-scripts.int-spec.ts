import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

// Starting a program must never delete or rewrite the files another one is running from. The real scripts
// of package.json run here through npm, in a copy of the project holding a stand-in build: each stand-in
// program says it ran, and the build must come out of every start untouched.

const ROOT = resolve(__dirname, '../..');
const scripts = (
  JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  }
).scripts;

const programs = {
  'start:prod': 'dist/apps/api/src/main.js',
  'start:worker': 'dist/apps/worker/src/main.js',
};

/** Every file under `dir` with its content, so any change at all shows. */
function snapshot(dir: string, files: Record<string, string> = {}, under = ''): Record<string, string> {
  for (const entry of readdirSync(join(dir, under), { withFileTypes: true })) {
    const path = join(under, entry.name);
    if (entry.isDirectory()) snapshot(dir, files, path);
    else files[path] = readFileSync(join(dir, path), 'utf8');
  }
  return files;
}

describe('the start scripts', () => {
  let project: string;
  beforeEach(() => {
    project = mkdtempSync(join(tmpdir(), 'leadger-scripts-'));
    copyFileSync(join(ROOT, 'package.json'), join(project, 'package.json'));
    for (const [script, main] of Object.entries(programs)) {
      mkdirSync(join(project, dirname(main)), { recursive: true });
      writeFileSync(join(project, main), `console.log(${JSON.stringify(`${script} ran`)});\n`);
    }
    writeFileSync(join(project, 'dist/running-build.txt'), 'the build a running API was started from\n');
  });
  afterEach(() => rmSync(project, { recursive: true, force: true }));

  it.each(Object.keys(programs))('npm run %s runs what is built and leaves the build as it was', (script) => {
    const before = snapshot(join(project, 'dist'));
    const run = spawnSync('npm', ['run', '--silent', script], {
      cwd: project,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect({ status: run.status, stdout: run.stdout.trim() }).toEqual({ status: 0, stdout: `${script} ran` });
    expect(snapshot(join(project, 'dist'))).toEqual(before);
  });

  it('never delete dist, and only `npm start` builds (a fresh clone has nothing built)', () => {
    const starts = Object.entries(scripts).filter(([name]) => name.startsWith('start'));
    expect(starts.map(([name]) => name).sort()).toEqual(['start', 'start:prod', 'start:worker']);
    for (const [name, command] of [...starts, ['build', scripts.build]]) {
      expect({ name, deletes: /\brm\b|rimraf|del(ete)?\b/.test(command) }).toEqual({ name, deletes: false });
    }
    expect(scripts.start).toMatch(/^npm run build && node dist\/apps\/api\/src\/main\.js$/);
    expect(scripts.build).toBe('node tools/build.js');
  });
});
