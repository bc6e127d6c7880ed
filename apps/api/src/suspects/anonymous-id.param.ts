import { Param, type PipeTransform } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { anonymousIdPattern } from '@leadger/lead-domain';
import { InvalidInputError } from '../problem/problem-details';

const documented = ApiParam({
  name: 'anonymousId',
  description: "The anonymous visitor: a web cookie's id, as the tracker knows it.",
  schema: { type: 'string', pattern: anonymousIdPattern.source, example: 'ck_9f2a77' },
});

/** Refuses an id that could not name a suspect stream, by the domain's own rule, before any store is read. */
const anonymousId: PipeTransform<string, string> = {
  transform(value) {
    if (anonymousIdPattern.test(value)) return value;
    throw new InvalidInputError([
      { field: 'anonymousId', message: 'must be 1-128 of letters, digits and ._:-' },
    ]);
  },
};

/** The `{anonymousId}` path segment, checked and documented on the route that reads it. */
export const AnonymousIdParam =
  (): ParameterDecorator =>
  (target: object, method: string | symbol | undefined, index: number): void => {
    Param('anonymousId', anonymousId)(target, method, index);
    const route = method === undefined ? undefined : Object.getOwnPropertyDescriptor(target, method);
    if (method !== undefined && route) documented(target, method, route);
  };
