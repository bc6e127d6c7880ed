import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { capture, command, type Answer } from './lead-api';

// Valid request bodies and the paths that bring a freshly captured lead to each stage over HTTP.

export const bodies = {
  capture: (email: string) => ({ email, source: 'webinar', firstName: 'Ann', company: 'Acme' }),
  engagement: { kind: 'web_visit', scoreDelta: 5 },
  mql: { score: 72, reason: 'score over 70' },
  handoff: { toOwner: 'bob' },
  qualify: {
    budget: 60000,
    authority: 'CFO signs',
    need: 'pipeline visibility',
    timeline: 'Q3',
    amount: 50000,
  },
  reject: { reason: 'bad_timing' },
  lostKeepOpen: { reason: 'pricing', recycle: false },
  disqualify: { reason: 'spam' },
  openOpportunity: { kind: 'upsell', amount: 20000 },
  customerNurture: { program: 'onboarding', revisitAt: '2099-01-01T00:00:00.000Z' },
} as const;

/** One command on the way: the action of `POST /leads/{id}/{action}` and its body. */
export type Step = readonly [action: string, body?: object];

const toMql: readonly Step[] = [['mql', bodies.mql]];
const toHandedOff: readonly Step[] = [...toMql, ['handoff', bodies.handoff]];
const toSal: readonly Step[] = [...toHandedOff, ['accept']];
const toSql: readonly Step[] = [...toSal, ['qualify', bodies.qualify]];

/** The commands from a captured lead to each stage (`handedOff` is mql with a handoff pending). */
export const stepsTo = {
  lead: [],
  mql: toMql,
  handedOff: toHandedOff,
  sal: toSal,
  sql: toSql,
  won: [...toSql, ['won']],
  lost: [...toSql, ['lost', bodies.lostKeepOpen]],
  nurture: [...toHandedOff, ['reject', bodies.reject]],
  disqualified: [['disqualify', bodies.disqualify]],
} as const satisfies Record<string, readonly Step[]>;

export type Destination = keyof typeof stepsTo;

let captured = 0;

/** An email no other test in this process uses. */
export function uniqueEmail(name = 'lead'): string {
  captured += 1;
  return `${name}-${captured}-${process.pid}@example.com`;
}

/**
 * Captures a new lead and walks it to `destination`; every step must succeed. Returns the lead id. With
 * `from`, the capture is dated then and each step a minute after the one before (a backfill), so a test
 * can set due dates in the past.
 */
export async function leadAt(
  app: NestFastifyApplication,
  destination: Destination,
  email = uniqueEmail(destination),
  from?: Date,
): Promise<string> {
  const dated = (body: object | undefined, step: number) =>
    from ? { ...body, occurredAt: minutesAfter(from, step) } : body;
  const reply = await capture(app, dated(bodies.capture(email), 0) as object);
  expect(reply.statusCode).toBe(201);
  const leadId = reply.json<Answer>().leadId;
  const steps = stepsTo[destination] as readonly Step[];
  for (const [index, [action, body]] of steps.entries()) {
    const step = await command(app, leadId, action, dated(body, index + 1));
    expect({ action, status: step.statusCode }).toEqual({ action, status: 200 });
  }
  return leadId;
}

/** ISO time `minutes` after `from`. */
export function minutesAfter(from: Date, minutes: number): string {
  return new Date(from.getTime() + minutes * 60_000).toISOString();
}
