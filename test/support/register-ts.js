// Lets a plain `node -r ./test/support/register-ts.js file.ts` run TypeScript sources, for tests that
// spawn real child processes (crash tests, CLI e2e). Transpiles with the pinned TypeScript compiler like
// jest does and maps the `@leadger/<lib>` paths of tsconfig.json onto libs/<lib>/src.
const Module = require('module');
const path = require('path');
const fs = require('fs');
const ts = require('typescript');

const root = path.resolve(__dirname, '../..');
const compilerOptions = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  esModuleInterop: true,
  inlineSourceMap: true,
};

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const lib = /^@leadger\/([^/]+)$/.exec(request);
  return resolveFilename.call(this, lib ? path.join(root, 'libs', lib[1], 'src') : request, ...rest);
};

require.extensions['.ts'] = function (module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { outputText } = ts.transpileModule(source, { compilerOptions, fileName: filename });
  module._compile(outputText, filename);
};
