// Lets a plain `node -r ./test/support/register-ts.js file.ts` run TypeScript sources, for tests that
// spawn real child processes (crash tests, CLI e2e). Transpiles with SWC like jest does and maps the
// `@leadger/<lib>` paths of tsconfig.json onto libs/<lib>/src.
const Module = require('module');
const path = require('path');
const { transformSync } = require('@swc/core');

const root = path.resolve(__dirname, '../..');
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const lib = /^@leadger\/([^/]+)$/.exec(request);
  return resolveFilename.call(this, lib ? path.join(root, 'libs', lib[1], 'src') : request, ...rest);
};

require.extensions['.ts'] = function (module, filename) {
  const source = require('fs').readFileSync(filename, 'utf8');
  const { code } = transformSync(source, {
    filename,
    sourceMaps: 'inline',
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
