import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { capture, command, getLead, storedEventCount } from '../../support/lead-api';
import { bodies, leadAt, uniqueEmail } from '../../support/lead-journeys';
import { withTestApp } from '../../support/with-test-app';

// Backdated and impossible times are refused with a 422 naming both times, and nothing is appended: a
// command dated before the lead's latest event, one dated beyond now plus the clock tolerance, and a due
// date (SLA, revisit) that is not after the command's own time.

let app: NestFastifyApplication;
withTestApp((started) => {
  app = started;
});

const inYears = (years: number) => new Date(Date.now() + years * 365 * 86_400_000).toISOString();

async function expectRefused(
  send: () => Promise<{ statusCode: number; json: () => unknown; headers: object }>,
  expected: object,
) {
  const before = await storedEventCount(app);
  const reply = await send();
  expect(reply.headers).toMatchObject({
    'content-type': expect.stringContaining('application/problem+json'),
  });
  expect({ status: reply.statusCode, body: reply.json() }).toEqual({
    status: 422,
    body: expect.objectContaining(expected),
  });
  expect(await storedEventCount(app)).toBe(before);
}

describe('business time', () => {
  it('refuses an mql dated years before the capture, naming both times', async () => {
    const captured = await capture(app, {
      ...bodies.capture(uniqueEmail('late')),
      occurredAt: '2025-06-01T00:00:00Z',
    });
    const { leadId } = captured.json<{ leadId: string }>();
    await expectRefused(
      () => command(app, leadId, 'mql', { ...bodies.mql, occurredAt: '2020-01-01T00:00:00Z' }),
      {
        status: 422,
        command: 'MarkMarketingQualified',
        field: 'occurredAt',
        occurredAt: '2020-01-01T00:00:00.000Z',
        notBefore: '2025-06-01T00:00:00.000Z',
        detail: expect.stringMatching(/2020-01-01T00:00:00.000Z.*2025-06-01T00:00:00.000Z/),
      },
    );
    expect((await getLead(app, leadId)).json()).toMatchObject({ stage: 'lead', revision: '0' });
  });

  it('refuses a capture dated years in the future, naming the latest time allowed', async () => {
    const future = inYears(5);
    await expectRefused(
      () => capture(app, { ...bodies.capture(uniqueEmail('future')), occurredAt: future }),
      {
        command: 'CaptureLead',
        field: 'occurredAt',
        occurredAt: future,
        notAfter: expect.any(String),
      },
    );
  });

  it('accepts a command dated a minute ahead, within the documented five-minute tolerance', async () => {
    const ahead = new Date(Date.now() + 60_000).toISOString();
    const reply = await capture(app, { ...bodies.capture(uniqueEmail('skew')), occurredAt: ahead });
    expect(reply.statusCode).toBe(201);
  });

  it('refuses an SLA due before the handoff', async () => {
    const leadId = await leadAt(app, 'mql');
    await expectRefused(
      () => command(app, leadId, 'handoff', { toOwner: 'bob', slaDueAt: '2020-01-01T00:00:00Z' }),
      {
        command: 'HandOffLead',
        field: 'slaDueAt',
      },
    );
  });

  it.each([
    ['reject', 'handedOff', { reason: 'bad_timing' }],
    ['lost', 'sql', { reason: 'pricing' }],
  ] as const)('refuses %s with a revisit date in the past', async (action, stage, body) => {
    const leadId = await leadAt(app, stage);
    await expectRefused(() => command(app, leadId, action, { ...body, revisitAt: '2020-01-01T00:00:00Z' }), {
      field: 'revisitAt',
    });
  });

  it('lets a backfill walk a lead through the past in order, with a revisit date already due', async () => {
    const at = (day: number) => `2026-01-${String(day).padStart(2, '0')}T09:00:00Z`;
    const reply = await capture(app, { ...bodies.capture(uniqueEmail('backfill')), occurredAt: at(1) });
    const { leadId } = reply.json<{ leadId: string }>();
    for (const [action, body] of [
      ['mql', { ...bodies.mql, occurredAt: at(2) }],
      ['handoff', { toOwner: 'bob', occurredAt: at(3) }],
      ['reject', { reason: 'bad_timing', occurredAt: at(4), revisitAt: at(20) }],
    ] as const) {
      expect({ action, status: (await command(app, leadId, action, body)).statusCode }).toEqual({
        action,
        status: 200,
      });
    }
    expect((await getLead(app, leadId)).json()).toMatchObject({
      stage: 'nurture',
      recycle: { revisitAt: '2026-01-20T09:00:00.000Z' },
    });
  });
});
