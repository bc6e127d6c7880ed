import { Param, type PipeTransform } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { ownerIdPattern } from '@leadger/lead-domain';
import { InvalidInputError } from '../problem/problem-details';

const documented = ApiParam({
  name: 'ownerId',
  description:
    "The owner: the name of their API key, or their token's id claim, as lead events name them " +
    '(`toOwner`, `owner`).',
  schema: { type: 'string', pattern: ownerIdPattern.source, example: 'bob' },
});

/** Refuses an id that could not name an owner, by the domain's own rule, before any store is read. */
const ownerId: PipeTransform<string, string> = {
  transform(value) {
    if (ownerIdPattern.test(value)) return value;
    throw new InvalidInputError([
      { field: 'ownerId', message: 'must be 1-64 of a-z, 0-9 and ._@-, starting with a letter or digit' },
    ]);
  },
};

/** The `{ownerId}` path segment, checked and documented on the route that reads it. */
export const OwnerIdParam =
  (): ParameterDecorator =>
  (target: object, method: string | symbol | undefined, index: number): void => {
    Param('ownerId', ownerId)(target, method, index);
    const route = method === undefined ? undefined : Object.getOwnPropertyDescriptor(target, method);
    if (method !== undefined && route) documented(target, method, route);
  };
