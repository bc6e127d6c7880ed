// Boundaries are enforced here: the domain stays free of Nest, Node built-ins and drivers.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const drivers = [
  'better-sqlite3',
  '@eventstore/db-client',
  'ioredis',
  'fastify',
  'class-validator',
  'class-transformer',
];

export default tseslint.config(
  { ignores: ['dist/**', 'dist-dashboard/**', 'node_modules/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['libs/lead-domain/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@nestjs/*'], message: 'The lead domain is plain TypeScript: no Nest.' },
            { group: ['node:*'], message: 'The lead domain does no I/O: no Node built-ins.' },
            {
              group: ['fs', 'path', 'crypto', 'http', 'net', 'child_process'],
              message: 'No I/O in the domain.',
            },
            ...drivers.map((d) => ({ group: [d, `${d}/*`], message: 'No drivers in the domain.' })),
          ],
        },
      ],
    },
  },
  {
    // Metrics are an add-on at the edges (STYLE 22): the domain and application libraries hear no prom-client.
    files: [
      'libs/lead-domain/src/**/*.ts',
      'libs/lead-application/src/**/*.ts',
      'libs/projections/src/**/*.ts',
      'libs/policies/src/**/*.ts',
      'libs/policy-runtime/src/**/*.ts',
      'libs/event-store/src/**/*.ts',
      'libs/read-store/src/**/*.ts',
      'libs/webhooks/src/**/*.ts',
    ],
    // typescript-eslint's copy of the rule, so it adds to the blocks' own `no-restricted-imports`.
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: [{ name: 'prom-client', message: 'Metrics live in @leadger/metrics, at the edge.' }] },
      ],
    },
  },
  {
    // Projections are definitions and plain functions; the read stores are adapters. Nest stays in apps/.
    files: [
      'libs/projections/src/**/*.ts',
      'libs/read-store/src/**/*.ts',
      'libs/config/src/**/*.ts',
      'libs/seed/src/**/*.ts',
      'libs/policies/src/**/*.ts',
      'libs/subscriptions/src/**/*.ts',
      'libs/policy-runtime/src/**/*.ts',
      'libs/logging/src/**/*.ts',
      'libs/metrics/src/**/*.ts',
      'libs/webhooks/src/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@nestjs/*'], message: 'Projections and read stores are plain TypeScript: no Nest.' },
          ],
        },
      ],
    },
  },
);
