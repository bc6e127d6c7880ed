// Lets a plain `node -r ./tools/register-ts.js file.ts` run the TypeScript sources without a build: the CLI
// (`npm run cli`) and the tests that spawn real child processes. Transpiles each file on its own with the
// pinned TypeScript compiler, as jest does (no type-checking: `npm run typecheck` does that), and maps the
// `@leadger/<lib>` paths of tsconfig.json onto libs/<lib>/src. Transpiled files are cached under
// node_modules/.cache/leadger-ts, keyed by their source, so a process starts in a fraction of a second once
// the files have been seen; TypeScript itself is loaded only on a cache miss.
const Module = require('module');
const path = require('path');
const fs = require('fs');
const crypto = require('crypto');

const root = path.resolve(__dirname, '..');
const cacheDir = path.join(root, 'node_modules', '.cache', 'leadger-ts');
const compilerOptions = {
  module: 'commonjs',
  target: 'es2022',
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  esModuleInterop: true,
  inlineSourceMap: true,
};
// A new compiler or new options must not reuse old output.
const salt = JSON.stringify([readVersion(), compilerOptions]);

let ts;
function transpile(source, filename) {
  ts ??= require('typescript');
  const options = ts.convertCompilerOptionsFromJson(compilerOptions, root).options;
  return ts.transpileModule(source, { compilerOptions: options, fileName: filename }).outputText;
}

function readVersion() {
  try {
    return require(path.join(root, 'node_modules', 'typescript', 'package.json')).version;
  } catch {
    return 'unknown';
  }
}

function cached(source, filename) {
  const key = crypto.createHash('sha1').update(salt).update(filename).update(source).digest('hex');
  const file = path.join(cacheDir, `${key}.js`);
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    const output = transpile(source, filename);
    try {
      // Write, then rename: processes starting at once never read a half-written file.
      fs.mkdirSync(cacheDir, { recursive: true });
      const temp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(temp, output);
      fs.renameSync(temp, file);
    } catch {
      // A read-only checkout still runs, only without the cache.
    }
    return output;
  }
}

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const lib = /^@leadger\/([^/]+)$/.exec(request);
  return resolveFilename.call(this, lib ? path.join(root, 'libs', lib[1], 'src') : request, ...rest);
};

require.extensions['.ts'] = function (module, filename) {
  module._compile(cached(fs.readFileSync(filename, 'utf8'), filename), filename);
};
