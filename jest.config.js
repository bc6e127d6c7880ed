// Four test levels, told apart by file name: *.spec.ts (unit), *.int-spec.ts (real SQLite / Redis),
// *.e2e-spec.ts (through HTTP or a real process), *.reliability-spec.ts (crashes, restarts, hostile input: a
// reduced load here, the full one under `npm run test:reliability`). `npm run typecheck` type-checks.
// Transpile-only with the pinned TypeScript compiler, so tests see the same decorator metadata as the build.
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.json', isolatedModules: true, diagnostics: false }];

const shared = {
  transform: { '^.+\\.ts$': tsJest },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testEnvironment: 'node',
  moduleNameMapper: {
    '^@leadger/lead-domain/testing$': '<rootDir>/libs/lead-domain/src/testing',
    '^@leadger/(.*)$': '<rootDir>/libs/$1/src',
  },
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
};

module.exports = {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['**/*.spec.ts'] },
    { ...shared, displayName: 'int', testMatch: ['**/*.int-spec.ts'] },
    { ...shared, displayName: 'e2e', testMatch: ['**/*.e2e-spec.ts'] },
    { ...shared, displayName: 'reliability', testMatch: ['**/*.reliability-spec.ts'] },
  ],
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
