import 'reflect-metadata';
import type { ArgumentMetadata } from '@nestjs/common';
import { InvalidInputError } from '../problem/problem-details';
import { FunnelQueryDto } from '../read-models/funnel/funnel-query.dto';
import { Nested, Text } from './fields';
import { StrictValidationPipe } from './validation-pipe';

// No command nests a required field today; these stand for the first one that will.
class ContactDto {
  @Text() readonly name: string;
  @Text({ optional: true }) readonly title?: string;
}

class MeetingDto {
  @Text() readonly topic: string;
  @Nested(() => ContactDto) readonly contact: ContactDto;
}

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

  describe('given a body with a required nested object', () => {
    const body = { type: 'body', metatype: MeetingDto } as const;

    it('when the object is missing › says only that it is required', async () => {
      expect(await refusal({ topic: 'demo' }, body)).toEqual([{ field: 'contact', message: 'is required' }]);
    });

    it('when a field inside it is missing › names that field by its path', async () => {
      expect(await refusal({ topic: 'demo', contact: { title: 'CFO' } }, body)).toEqual([
        { field: 'contact.name', message: 'is required' },
      ]);
    });

    it('when the object is there but not an object › keeps its own message', async () => {
      expect(await refusal({ topic: 'demo', contact: 'Ann' }, body)).toEqual(
        expect.arrayContaining([{ field: 'contact', message: 'contact must be an object' }]),
      );
      expect(await refusal({ topic: 'demo', contact: 'Ann' }, body)).not.toContainEqual(
        expect.objectContaining({ message: 'is required' }),
      );
    });
  });
});
