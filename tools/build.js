// `npm run build`: compiles the apps into a fresh folder beside `dist`, then swaps it in, so `dist` is always
// one whole build. The old script (`rm -rf dist && tsc && tsc-alias`) left programs running from `dist`
// (the API, the worker, `npx leadger`) without their files for the half minute of a compile, then
// with files whose `@leadger/*` imports tsc-alias had not yet rewritten; a failed compile left no build at
// all. Now a failed compile leaves `dist` as it was, and the swap is two renames.
//
// Run from the project root (it uses that folder's tsconfig.build.json); the compilers come from this
// repository's node_modules.
const { execFileSync } = require('child_process');
const { existsSync, renameSync, rmSync } = require('fs');
const path = require('path');

const root = process.cwd();
const target = path.join(root, 'dist');
const fresh = path.join(root, `dist.build-${process.pid}`);
const old = path.join(root, `dist.old-${process.pid}`);

/** Runs a package's command-line entry with this node, in the project root; throws when it fails. */
function run(bin, args) {
  execFileSync(process.execPath, [require.resolve(bin), ...args], { cwd: root, stdio: 'inherit' });
}

try {
  rmSync(fresh, { recursive: true, force: true });
  run('typescript/bin/tsc', ['-p', 'tsconfig.build.json', '--outDir', fresh]);
  run('tsc-alias/dist/bin/index.js', ['-p', 'tsconfig.build.json', '--outDir', fresh]);
} catch (error) {
  rmSync(fresh, { recursive: true, force: true });
  console.error(`build failed; ${existsSync(target) ? 'dist is left as it was' : 'there is no dist'}`);
  process.exit(typeof error.status === 'number' && error.status > 0 ? error.status : 1);
}

// A directory cannot be renamed over a non-empty one: move the old build aside, then the new one in. The
// old build is removed last; a program already running from it has loaded its modules and keeps going.
if (existsSync(target)) renameSync(target, old);
renameSync(fresh, target);
rmSync(old, { recursive: true, force: true });
