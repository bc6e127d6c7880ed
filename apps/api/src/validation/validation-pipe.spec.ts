import 'reflect-metadata';
import type { ArgumentMetadata } from '@nestjs/common';
import { InvalidInputError } from '../problem/problem-details';
import { FunnelQueryDto } from '../read-models/funnel/funnel-query.dto';
import { StrictValidationPipe } from './validation-pipe';

// What the pipe refuses that HTTP clients cannot easily send: a query string or a path parameter is
// percent-decoded by the router, which turns an encoded lone surrogate into U+FFFD or leaves it encoded,
// so only an in-process caller reaches these; the pipe refuses them all the same.

const pipe = new StrictValidationPipe();

async function refusal(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
  try {
    await pipe.transform(value, metadata);
  } catch (error) {
    if (error instanceof InvalidInputError) return error.errors;
    throw error;
  }
  return 'accepted';
}

describe('StrictValidationPipe', () => {
  describe('given a string that is not well-formed Unicode', () => {
    it('refuses it in a query parameter, naming the parameter', async () => {
      const query = { type: 'query', metatype: FunnelQueryDto } as const;
      expect(await refusal({ source: 'web\ud800' }, query)).toEqual([
        { field: 'source', message: expect.stringContaining('well-formed Unicode') },
      ]);
    });

    it('refuses it in a path parameter, naming the parameter', async () => {
      const param = { type: 'param', metatype: String, data: 'leadId' } as const;
      expect(await refusal('\udfff', param)).toEqual([
        { field: 'leadId', message: expect.stringContaining('well-formed Unicode') },
      ]);
    });
  });
});
