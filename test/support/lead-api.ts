import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { EventStore } from '@leadger/event-store';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { EVENT_STORE } from '../../apps/api/src/event-store/event-store.module';
import type { CommandAnswer } from '../../apps/api/src/leads/command-answer';
import type { HistoryEntry, LeadHistoryPage } from '../../apps/api/src/leads/lead-queries';
import { actor } from './test-app';

export type { HistoryEntry, LeadHistoryPage };

// The lead HTTP API as the e2e tests speak it: one function per kind of request, authorized with the test
// app's key unless a test overrides it, and a look behind the API at the event store to count appends.

/** Request headers; `undefined` leaves a header out, even Authorization. */
export type Headers = Readonly<Record<string, string | undefined>>;
export type Reply = LightMyRequestResponse;
/** What every successful command answers. */
export type Answer = CommandAnswer;

/** A request authorized with the test app's key unless `headers` overrides it. */
export function send(
  app: NestFastifyApplication,
  options: Omit<InjectOptions, 'headers'> & { readonly headers?: Headers },
): Promise<Reply> {
  const headers = Object.entries({ ...actor, ...options.headers }).filter(([, value]) => value !== undefined);
  return app.inject({ ...options, headers: Object.fromEntries(headers) as Record<string, string> });
}

/** `POST /leads`: CaptureLead. */
export function capture(app: NestFastifyApplication, body: object, headers: Headers = {}): Promise<Reply> {
  return send(app, { method: 'POST', url: '/leads', payload: body, headers });
}

/** `POST /leads/{leadId}/{action}`: any other lifecycle command. */
export function command(
  app: NestFastifyApplication,
  leadId: string,
  action: string,
  body: object = {},
  headers: Headers = {},
): Promise<Reply> {
  return send(app, { method: 'POST', url: `/leads/${leadId}/${action}`, payload: body, headers });
}

/** `GET /leads/{leadId}`: the folded state. */
export function getLead(app: NestFastifyApplication, leadId: string, headers: Headers = {}): Promise<Reply> {
  return send(app, { method: 'GET', url: `/leads/${leadId}`, headers });
}

/** `GET /leads/{leadId}/history` with an optional query string, e.g. `limit=2`. */
export function getHistory(
  app: NestFastifyApplication,
  leadId: string,
  query = '',
  headers: Headers = {},
): Promise<Reply> {
  return send(app, { method: 'GET', url: `/leads/${leadId}/history${query ? `?${query}` : ''}`, headers });
}

/** Every event of the lead, one history page at most. */
export async function historyOf(
  app: NestFastifyApplication,
  leadId: string,
): Promise<readonly HistoryEntry[]> {
  const reply = await getHistory(app, leadId, 'limit=1000');
  expect(reply.statusCode).toBe(200);
  return reply.json<LeadHistoryPage>().events;
}

/** The app's own event store, to check what reached the log whatever the HTTP answer said. */
export function eventStoreOf(app: NestFastifyApplication): EventStore {
  return app.get<symbol, EventStore>(EVENT_STORE);
}

/**
 * How many lead and suspect events `$all` holds (the test's API keys, in streams of their own, are not
 * counted).
 */
export async function storedEventCount(app: NestFastifyApplication): Promise<number> {
  const filter = { streamNamePrefixes: ['lead-', 'suspect-'] };
  return (await eventStoreOf(app).readAll({ filter, maxCount: Number.MAX_SAFE_INTEGER })).length;
}
