import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { RecordedEvent } from '@leadger/event-store';
import { leadStream, toLeadEvent, verifyChain } from '@leadger/lead-application';
import {
  allowedCommands,
  evolve,
  initialState,
  type LeadCommandType,
  type LeadState,
} from '@leadger/lead-domain';
import { capture, command, eventStoreOf, getLead, historyOf, type Answer } from '../../support/lead-api';
import { bodies, leadAt, uniqueEmail } from '../../support/lead-journeys';
import { withTestApp } from '../../support/with-test-app';

// Many requests at once on one lead: intake dedupe, and a history that stays legal under contention.

/** The same address as a client might send it: any letter case, stray blanks around it. */
function spelling(email: string, i: number): string {
  const cased = [...email].map((char, at) => ((i >> (at % 5)) & 1 ? char.toUpperCase() : char)).join('');
  return `${' '.repeat(i % 3)}${cased}${'\t'.repeat(i % 2)}`;
}

/** What each command may append, per DESIGN.md's Transitions table. */
const appends: Record<LeadCommandType, readonly (readonly string[])[]> = {
  CaptureLead: [['LeadCaptured'], ['EngagementRecorded']],
  RecordEngagement: [['EngagementRecorded']],
  MarkMarketingQualified: [['LeadMarketingQualified']],
  HandOffLead: [['LeadHandedOff']],
  AcceptLead: [['LeadAccepted']],
  RejectLead: [['LeadRejected', 'LeadRecycled']],
  QualifyLead: [['LeadQualified']],
  ChangeOpportunityStage: [['OpportunityStageChanged']],
  ReassignLead: [['LeadReassigned']],
  CloseWon: [['DealWon']],
  CloseLost: [['DealLost'], ['DealLost', 'LeadRecycled']],
  ReopenDeal: [['DealReopened']],
  RecycleLead: [['LeadRecycled']],
  ReengageLead: [['LeadReengaged']],
  DisqualifyLead: [['LeadDisqualified']],
  RequalifyLead: [['LeadRequalified']],
  OpenOpportunity: [['OpportunityOpened']],
  ScheduleCustomerNurture: [['CustomerNurtureScheduled']],
  EraseLead: [['LeadErased']],
};

/**
 * Replays the stream command by command with the pure domain: each command must have been allowed in the
 * state its predecessors left, and must have appended what that command appends. Returns the final state.
 */
function refold(history: readonly RecordedEvent[]): LeadState {
  let state = initialState;
  for (let at = 0; at < history.length;) {
    const { commandId, command: type } = history[at].metadata;
    const end = history.findIndex((event, i) => i > at && event.metadata.commandId !== commandId);
    const events = history.slice(at, end === -1 ? history.length : end);
    const legal = state.stage === 'none' ? ['CaptureLead'] : ['CaptureLead', ...allowedCommands(state)];
    const step = { revision: events[0].revision, stage: state.stage, command: type };
    expect({ ...step, allowed: legal }).toEqual({ ...step, allowed: expect.arrayContaining([type]) });
    expect(appends[type as LeadCommandType]).toContainEqual(events.map((event) => event.type));
    state = events.map(toLeadEvent).reduce(evolve, state);
    at += events.length;
  }
  return state;
}

/** The lead's stream exactly as stored. */
async function storedStream(app: NestFastifyApplication, leadId: string): Promise<readonly RecordedEvent[]> {
  const read = await eventStoreOf(app).readStream(leadStream(leadId));
  return read.found ? read.events : [];
}

describe('concurrent requests', () => {
  let app: NestFastifyApplication;
  withTestApp((started) => {
    app = started;
  });

  it('100 parallel captures of one email in any case and spacing make one lead and 99 engagements', async () => {
    const email = uniqueEmail('rush');
    const replies = await Promise.all(
      Array.from({ length: 100 }, (_, i) => capture(app, bodies.capture(spelling(email, i)))),
    );
    const statuses = replies.map((reply) => reply.statusCode);
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 200)).toHaveLength(99);
    const leadIds = new Set(replies.map((reply) => reply.json<Answer>().leadId));
    expect(leadIds.size).toBe(1);

    const [leadId] = leadIds;
    const history = await historyOf(app, leadId);
    expect(history.map((event) => event.type)).toEqual([
      'LeadCaptured',
      ...Array<string>(99).fill('EngagementRecorded'),
    ]);
    expect(history.slice(1).every((event) => event.data.recapture === true)).toBe(true);
    expect((await getLead(app, leadId)).json()).toMatchObject({ email, stage: 'lead', revision: '99' });
  });

  it('50 parallel different commands on one lead: each 2xx or 409, and the stream is a legal history', async () => {
    const leadId = await leadAt(app, 'handedOff');
    // Bodies chosen so that no command is ever refused for its values (422) in any stage: new owners are
    // unique, and stage changes, whose refusal of the current stage is a 422 by design, are left out.
    const lifecycle: readonly ((i: number) => readonly [string, object])[] = [
      () => ['engagements', bodies.engagement],
      () => ['accept', {}],
      (i) => ['reassign', { toOwner: `rep-${i}` }],
      () => ['qualify', bodies.qualify],
      () => ['lost', bodies.lostKeepOpen],
      () => ['reopen', {}],
      () => ['lost', { reason: 'timing' }],
      () => ['reengage', { toStage: 'mql' }],
      (i) => ['handoff', { toOwner: `rep-${i}` }],
      () => ['reject', bodies.reject],
      () => ['recycle', { reason: 'timing' }],
      () => ['mql', bodies.mql],
      () => ['won', {}],
    ];
    const sent = Array.from({ length: 50 }, (_, i) => {
      const key = `cmd-${i}`;
      const [action, body] =
        i === 49 ? ['disqualify', bodies.disqualify] : lifecycle[i % lifecycle.length](i);
      return { key, request: command(app, leadId, action, body, { 'idempotency-key': key }) };
    });
    const replies = await Promise.all(sent.map(({ request }) => request));

    const statuses = replies.map((reply) => reply.statusCode);
    expect(statuses.filter((status) => !(status >= 200 && status < 300) && status !== 409)).toEqual([]);
    expect(statuses).toContain(200);
    expect(statuses).toContain(409);

    const stream = await storedStream(app, leadId);
    const state = refold(stream);
    expect(verifyChain(stream)).toBeUndefined();
    expect((await historyOf(app, leadId)).map((event) => event.eventId)).toEqual(
      stream.map((event) => event.id),
    );
    expect((await getLead(app, leadId)).json()).toMatchObject({
      stage: state.stage,
      revision: String(stream.length - 1),
    });
    // Exactly the commands answered 2xx reached the log, each once, under its own key.
    const accepted = sent.filter((_, i) => statuses[i] < 300).map(({ key }) => key);
    const logged = new Set(stream.slice(3).map((event) => event.metadata.commandId));
    expect([...logged].sort()).toEqual([...accepted].sort());
  });
});
