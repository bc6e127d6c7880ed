import fc from 'fast-check';
import {
  customerNurturePrograms,
  disqualifyReasons,
  engagementKinds,
  expansionKinds,
  lostReasons,
  opportunityStages,
  rejectReasons,
} from '@leadger/lead-domain';
import { decisions } from '@leadger/projections';

// Every route of the HTTP API, with the fields of its body and query string and a valid value for each, so
// the fuzzer can start from a request that would pass and break it in one or more places.

/** What a field holds; a list is a closed set. */
export type FieldKind =
  | 'text'
  | 'note'
  | 'email'
  | 'score'
  | 'delta'
  | 'amount'
  | 'count'
  | 'leaseMs'
  | 'date'
  | 'day'
  | 'flag'
  | 'utm'
  | 'position'
  | 'cursor'
  | readonly string[];

export interface Route {
  /** e.g. `POST /leads/{id}/mql`. */
  readonly name: string;
  readonly method: 'GET' | 'POST';
  /** `{id}` stands for a lead id. */
  readonly path: string;
  readonly required: Readonly<Record<string, FieldKind>>;
  readonly optional: Readonly<Record<string, FieldKind>>;
  readonly query: Readonly<Record<string, FieldKind>>;
  /** Lead commands read X-Actor, Idempotency-Key, If-Match and X-Correlation-Id, and append events. */
  readonly command: boolean;
}

const command = (
  action: string,
  required: Record<string, FieldKind> = {},
  optional: Record<string, FieldKind> = {},
): Route => ({
  name: `POST /leads/{id}/${action}`,
  method: 'POST',
  path: `/leads/{id}/${action}`,
  required,
  optional: { occurredAt: 'date', ...optional },
  query: {},
  command: true,
});

const query = (path: string, parameters: Record<string, FieldKind> = {}): Route => ({
  name: `GET ${path}`,
  method: 'GET',
  path,
  required: {},
  optional: {},
  query: parameters,
  command: false,
});

export const routes: readonly Route[] = [
  {
    name: 'POST /leads',
    method: 'POST',
    path: '/leads',
    required: { email: 'email', source: 'text' },
    optional: {
      occurredAt: 'date',
      campaign: 'text',
      firstName: 'text',
      lastName: 'text',
      company: 'text',
      title: 'text',
      phone: 'text',
      utm: 'utm',
      anonymousId: 'text',
      via: engagementKinds,
      origin: ['marketing', 'sales'],
      owner: 'text',
    },
    query: {},
    command: true,
  },
  command('engagements', { kind: engagementKinds, scoreDelta: 'delta' }, { note: 'note' }),
  {
    name: 'POST /suspects/{anonymousId}/engagements',
    method: 'POST',
    path: '/suspects/fuzz-visitor/engagements',
    required: { kind: engagementKinds, scoreDelta: 'delta' },
    optional: { occurredAt: 'date', source: 'text', utm: 'utm' },
    query: {},
    command: false,
  },
  command('mql', { score: 'score', reason: 'text' }),
  command('handoff', { toOwner: 'text' }, { slaDueAt: 'date' }),
  command('accept'),
  command('reject', { reason: rejectReasons }, { note: 'note', revisitAt: 'date' }),
  command('qualify', {
    budget: 'amount',
    authority: 'text',
    need: 'note',
    timeline: 'text',
    amount: 'amount',
  }),
  command('stage', { stage: opportunityStages }, { amount: 'amount' }),
  command('won', {}, { amount: 'amount' }),
  command(
    'lost',
    { reason: lostReasons },
    { competitor: 'text', note: 'note', recycle: 'flag', revisitAt: 'date' },
  ),
  command('reopen'),
  command('recycle', {}, { reason: lostReasons, note: 'note', revisitAt: 'date' }),
  command('reengage', {}, { toStage: ['lead', 'mql'], note: 'note' }),
  command('disqualify', { reason: disqualifyReasons }, { note: 'note' }),
  command('reassign', { toOwner: 'text' }),
  command('opportunities', { kind: expansionKinds, amount: 'amount' }, { owner: 'text' }),
  command('customer-nurture', { program: customerNurturePrograms, revisitAt: 'date' }),
  query('/leads/{id}'),
  query('/leads/{id}/history', { fromRevision: 'count', limit: 'count' }),
  query('/funnel', {
    capturedFrom: 'day',
    capturedTo: 'day',
    source: 'text',
    campaign: 'text',
    origin: ['marketing', 'sales'],
    groupBy: ['source', 'campaign', 'cohort', 'origin'],
    cohort: ['day', 'month'],
    after: 'position',
  }),
  query('/pipeline', { owner: 'text', closedFrom: 'day', closedTo: 'day', after: 'position' }),
  query('/nurture', { due: 'flag', limit: 'count', cursor: 'cursor', after: 'position' }),
  {
    name: 'POST /nurture/claim',
    method: 'POST',
    path: '/nurture/claim',
    required: { consumer: 'text' },
    optional: { limit: 'count', leaseMs: 'leaseMs' },
    query: { after: 'position' },
    command: false,
  },
  query('/handoffs', {
    owner: 'text',
    status: decisions,
    breached: 'flag',
    limit: 'count',
    cursor: 'cursor',
    after: 'position',
  }),
  query('/handoffs/summary', { after: 'position' }),
  query('/customer-nurture', { due: 'flag', limit: 'count', cursor: 'cursor', after: 'position' }),
  {
    name: 'POST /customer-nurture/claim',
    method: 'POST',
    path: '/customer-nurture/claim',
    required: { consumer: 'text' },
    optional: { limit: 'count', leaseMs: 'leaseMs' },
    query: { after: 'position' },
    command: false,
  },
];

/**
 * A value the field accepts. Positions are tiny (long reached by the read models) or far beyond the log,
 * which the read models can never reach in time: the documented 503.
 */
export function validValue(kind: FieldKind, inQuery = false): fc.Arbitrary<unknown> {
  if (typeof kind !== 'string') return fc.constantFrom(...kind);
  const text = (value: fc.Arbitrary<unknown>) => (inQuery ? value.map(String) : value);
  switch (kind) {
    case 'text':
      return fc.constantFrom('bob', 'webinar', 'x', 'Ann Lee', 'ana@sales');
    case 'note':
      return fc.constantFrom('a note', 'é'.repeat(100));
    case 'email':
      return fc.oneof(
        fc.nat({ max: 1_000_000 }).map((n) => `fuzz-new-${n}@example.com`),
        fc.constantFrom('  Fuzz-Lead-0@Example.COM ', 'fuzz-disqualified-0@example.com'),
      );
    case 'score':
      return text(fc.integer({ min: 0, max: 1000 }));
    case 'delta':
      return text(fc.integer({ min: -1000, max: 1000 }));
    case 'amount':
      return text(fc.constantFrom(0, 1, 50000, 42000.5, 1e12));
    case 'count':
      return text(fc.integer({ min: 1, max: 50 }));
    case 'leaseMs':
      return text(fc.integer({ min: 1000, max: 86_400_000 }));
    case 'date':
      return fc.constantFrom('2026-03-01T09:30:00Z', '2025-12-31T23:59:59.999+01:00', '2030-01-01T00:00Z');
    case 'day':
      return fc.constantFrom('2026-01-01', '2024-02-29', '1999-12-31');
    case 'flag':
      return text(fc.boolean());
    case 'utm':
      return fc.record({ source: fc.constant('linkedin'), medium: fc.constant('cpc') }, { requiredKeys: [] });
    case 'position':
      return fc.constantFrom('0', '1', '3', '00', '1000000000', '99999999999999999999');
    case 'cursor':
      return fc.constant(Buffer.from('[1,"x"]').toString('base64url'));
    default:
      return kind satisfies never;
  }
}
