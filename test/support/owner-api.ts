import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { RecordedEvent } from '@leadger/event-store';
import { ownerStream } from '@leadger/lead-application';
import { eventStoreOf, send, type Headers, type Reply } from './lead-api';

// The owner roster's HTTP API as the e2e tests speak it, authorized with the test app's key unless a test
// overrides it.

/** A whole profile for `PUT /owners/{ownerId}`. */
export const ownerBody = (profile: object = {}) => ({
  name: 'Bob Lee',
  teams: ['inbound'],
  active: true,
  capacity: 20,
  ...profile,
});

/** `PUT /owners/{ownerId}`: SetOwner. */
export function putOwner(
  app: NestFastifyApplication,
  ownerId: string,
  body: object | string = ownerBody(),
  headers: Headers = {},
): Promise<Reply> {
  return send(app, { method: 'PUT', url: `/owners/${ownerId}`, payload: body, headers });
}

/** `GET /owners/{ownerId}`, or the roster (`GET /owners`) with a query string when `ownerId` is left out. */
export function getOwners(
  app: NestFastifyApplication,
  { ownerId, query = '' }: { ownerId?: string; query?: string } = {},
  headers: Headers = {},
): Promise<Reply> {
  const url = ownerId === undefined ? `/owners${query ? `?${query}` : ''}` : `/owners/${ownerId}`;
  return send(app, { method: 'GET', url, headers });
}

/** The owner's stream as the log holds it, whatever the HTTP answers said. */
export async function ownerEvents(app: NestFastifyApplication, ownerId: string): Promise<RecordedEvent[]> {
  const read = await eventStoreOf(app).readStream(ownerStream(ownerId));
  return read.found ? [...read.events] : [];
}
