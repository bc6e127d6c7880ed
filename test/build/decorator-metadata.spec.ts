import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';

// Nest's dependency injection reads `design:paramtypes`, which only the TypeScript compiler we build with
// emits. A compiler upgrade that stops emitting it would break `npm start` while SWC-run tests pass.
describe('the pinned TypeScript compiler', () => {
  const tsconfig = ts.parseConfigFileTextToJson(
    'tsconfig.json',
    readFileSync(join(__dirname, '../../tsconfig.json'), 'utf8'),
  );
  const { options } = ts.convertCompilerOptionsFromJson(tsconfig.config.compilerOptions, '.');

  it('is the 5.x line that package.json pins', () => {
    expect(ts.versionMajorMinor).toMatch(/^5\./);
  });

  it('emits constructor parameter types for decorated classes', () => {
    const source = `
      function Injectable(): ClassDecorator { return () => undefined; }
      class Store {}
      @Injectable() export class Service { constructor(private readonly store: Store) {} }`;
    const { outputText } = ts.transpileModule(source, { compilerOptions: options });
    expect(outputText).toMatch(/__metadata\("design:paramtypes", \[Store\]\)/);
  });
});
