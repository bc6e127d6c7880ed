// The TypeScript loader for child processes now lives in tools/ (the CLI runs on it too); kept here so
// `node -r ./test/support/register-ts.js file.ts` keeps working.
require('../../tools/register-ts');
