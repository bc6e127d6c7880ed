import { execFileSync, spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

// `npm run build` (tools/build.js) on a small project of the same shape (an app importing a lib through a
// `@x/*` path that tsc-alias rewrites): programs running from `dist` must see a whole build at every
// moment — the old one during the compile, the new one after — and a failed compile must leave it alone.

jest.setTimeout(60_000);

const BUILD = resolve(__dirname, '../../tools/build.js');
const MAIN = 'dist/apps/a/src/main.js';

let project: string;
beforeEach(() => {
  project = mkdtempSync(join(tmpdir(), 'leadger-build-'));
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(project, path)), { recursive: true });
    writeFileSync(join(project, path), text);
  };
  write(
    'tsconfig.build.json',
    JSON.stringify({
      compilerOptions: {
        module: 'commonjs',
        target: 'ES2022',
        strict: true,
        outDir: './dist',
        baseUrl: './',
        types: [],
        paths: { '@x/lib': ['libs/lib/src'] },
      },
      include: ['apps/*/src', 'libs/*/src'],
    }),
  );
  write('apps/a/src/main.ts', "import { word } from '@x/lib';\nconsole.log(word);\n");
  write('libs/lib/src/index.ts', "export const word: string = 'new build';\n");
  // The build a program is running from.
  write(MAIN, "console.log('old build');\n");
  write('dist/apps/a/src/gone.js', '// a file the new sources no longer make\n');
});
afterEach(() => rmSync(project, { recursive: true, force: true }));

const runMain = () => execFileSync(process.execPath, [MAIN], { cwd: project, encoding: 'utf8' }).trim();
const leftovers = () => readdirSync(project).filter((name) => name.startsWith('dist.'));

/** Runs the build while reading the running program's main file every few ms; what each read saw. */
async function buildWhileReading(): Promise<{ code: number | null; seen: Set<string> }> {
  const seen = new Set<string>();
  const child = spawn(process.execPath, [BUILD], { cwd: project, stdio: 'ignore' });
  const exited = new Promise<number | null>((done) => child.once('exit', done));
  let running = true;
  void exited.then(() => (running = false));
  while (running) {
    try {
      seen.add(readFileSync(join(project, MAIN), 'utf8').trim());
    } catch (error) {
      seen.add((error as NodeJS.ErrnoException).code ?? 'error');
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return { code: await exited, seen };
}

describe('npm run build (tools/build.js)', () => {
  it('keeps the old build in place while compiling, then swaps the whole new one in', async () => {
    const { code, seen } = await buildWhileReading();
    expect(code).toBe(0);
    expect(runMain()).toBe('new build');
    // Never a half-written file, nor one whose `@x/lib` import is not yet rewritten: the old or the new.
    // (The swap is two renames, microseconds apart; a read landing between them would see ENOENT.)
    const compiled = readFileSync(join(project, MAIN), 'utf8').trim();
    expect([...seen].filter((s) => s !== 'ENOENT')).toEqual(
      expect.arrayContaining(["console.log('old build');"]),
    );
    for (const content of seen) {
      expect(["console.log('old build');", compiled, 'ENOENT']).toContain(content);
    }
    expect(compiled).not.toMatch(/@x\/lib/);
    expect(existsSync(join(project, 'dist/apps/a/src/gone.js'))).toBe(false);
    expect(leftovers()).toEqual([]);
  });

  it('leaves the running build as it was when the compile fails', async () => {
    writeFileSync(join(project, 'libs/lib/src/index.ts'), 'export const word: number = "not a number";\n');
    const { code, seen } = await buildWhileReading();
    expect(code).not.toBe(0);
    expect([...seen]).toEqual(["console.log('old build');"]);
    expect(runMain()).toBe('old build');
    expect(leftovers()).toEqual([]);
  });
});
