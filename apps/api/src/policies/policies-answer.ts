import type { SchemaObject } from '@nestjs/swagger';
import { rulesSchema, type Rules } from '@leadger/policies';
import { z } from 'zod';
import { decimalPattern } from '../http/answer-fields';

/** GET /policies: the rules in force and the event that recorded them. */
export interface PoliciesAnswer {
  readonly digest: string;
  readonly source: string;
  readonly rules: Rules;
  /** Null while the rules are not yet recorded (the event store was down at start). */
  readonly changedAt: string | null;
  readonly position: string | null;
}

/**
 * The answer's schema. The rules' part is generated from the zod schema the file is checked with, so the
 * document cannot drift from what the server accepts.
 */
export const policiesAnswerSchema: SchemaObject = {
  type: 'object',
  required: ['digest', 'source', 'rules', 'changedAt', 'position'],
  properties: {
    digest: {
      type: 'string',
      pattern: '^[0-9a-f]{64}$',
      description:
        "The rules' version: SHA-256 (hex) of their canonical JSON (keys sorted), defaults filled in.",
    },
    source: {
      type: 'string',
      example: 'config/policies.yaml',
      description: 'The rules file this server read at start (LEADGER_POLICIES).',
    },
    rules: {
      ...(z.toJSONSchema(rulesSchema, { target: 'openapi-3.0', io: 'output' }) as SchemaObject),
      description: 'The rules in force, every default filled in (README: Policies).',
    },
    changedAt: {
      type: 'string',
      format: 'date-time',
      nullable: true,
      description:
        'When these rules were recorded as changed (their PoliciesChanged event); null while they are not ' +
        'yet recorded (the event store was down when the server started: it keeps trying).',
    },
    position: {
      type: 'string',
      pattern: decimalPattern,
      nullable: true,
      example: '1042',
      description: 'The `$all` position of that PoliciesChanged event; null while it is not yet recorded.',
    },
  },
};
