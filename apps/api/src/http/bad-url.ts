import type { FastifyInstance } from 'fastify';
import { InvalidInputError } from '../problem/problem-details';

/** A URL the server will not route, named `url` like any other field a client got wrong. */
export function badUrl(message: string): InvalidInputError {
  return new InvalidInputError([{ field: 'url', message }]);
}

/**
 * A `#fragment` belongs to the client and is never sent, but a hand-made request can carry one raw; the
 * router would cut it off and route the rest (`/leads/{id}/engagements#x` recorded an engagement). Such a
 * request was not written by a well-behaved client and may not mean what it routes to: refuse it.
 */
export function refuseFragments(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, _reply, done) => {
    done(request.raw.url?.includes('#') ? badUrl('must not carry a #fragment') : undefined);
  });
}
