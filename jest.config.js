// Three test levels, told apart by file name: *.spec.ts (unit), *.int-spec.ts (real SQLite / Redis),
// *.e2e-spec.ts (through HTTP or a real process). SWC transpiles; `npm run typecheck` type-checks.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

const shared = {
  transform: { '^.+\\.ts$': swc },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testEnvironment: 'node',
  moduleNameMapper: {
    '^@leadger/(.*)$': '<rootDir>/libs/$1/src',
  },
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
};

module.exports = {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['**/*.spec.ts'] },
    { ...shared, displayName: 'int', testMatch: ['**/*.int-spec.ts'] },
    { ...shared, displayName: 'e2e', testMatch: ['**/*.e2e-spec.ts'] },
  ],
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
