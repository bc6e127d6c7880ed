import { createConfig, lintFromString } from '@redocly/openapi-core';
import { withTestApp } from '../support/with-test-app';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

// The published OpenAPI document as a real linter reads it: Redocly's lint engine with its recommended rules,
// the rules `redocly lint` applies by default. Warnings may remain; an error is a document that tools misread.

let app: NestFastifyApplication;
withTestApp((started) => {
  app = started;
});

describe('the published OpenAPI document', () => {
  it.each(['/openapi.json', '/openapi.yaml'])(
    "%s has no error by Redocly's recommended rules",
    async (url) => {
      const published = await app.inject({ method: 'GET', url });
      expect(published.statusCode).toBe(200);
      const config = await createConfig({ extends: ['recommended'] });
      const problems = await lintFromString({ source: published.body, absoluteRef: url, config });
      const errors = problems
        .filter((problem) => problem.severity === 'error')
        .map(
          (problem) =>
            `${problem.ruleId}: ${problem.message} (${problem.location[0]?.pointer ?? 'document'})`,
        );
      expect(errors).toEqual([]);
    },
  );
});
