import { decideSuspect, suspectStitched } from './decide-suspect';
import {
  evolveSuspect,
  noSuspect,
  type SuspectCommand,
  type SuspectEvent,
  type SuspectState,
} from './suspect';

const anonymousId = 'ck_9f2a.77';
const leadId = 'b6f1d9b2-4c3e-4f8a-9d61-2a7c5e0f3b14';
const metadata = { occurredAt: '2025-03-01T09:00:00.000Z' };
const later = { occurredAt: '2025-03-02T09:00:00.000Z' };

const engage = (data: Partial<Extract<SuspectCommand, { type: 'RecordAnonymousEngagement' }>['data']> = {}) =>
  ({
    type: 'RecordAnonymousEngagement',
    data: {
      anonymousId,
      kind: 'web_visit',
      scoreDelta: 5,
      utm: { source: 'google', campaign: 'q3' },
      ...data,
    },
    metadata,
  }) as const;
const identify = { type: 'IdentifySuspect', data: { anonymousId, leadId }, metadata: later } as const;

function given(...events: SuspectEvent[]) {
  const state = events.reduce<SuspectState>(evolveSuspect, noSuspect);
  return { when: (command: SuspectCommand) => decideSuspect(command, state) };
}

const engaged: SuspectEvent = {
  type: 'AnonymousEngagementRecorded',
  data: {
    kind: 'web_visit',
    scoreDelta: 5,
    source: 'google',
    utm: { source: 'google', medium: null, campaign: 'q3', term: null, content: null },
  },
  metadata,
};
const identified: SuspectEvent & { type: 'SuspectIdentified' } = {
  type: 'SuspectIdentified',
  data: {
    leadId,
    engagements: 2,
    score: 8,
    firstTouchAt: metadata.occurredAt,
    source: 'google',
    campaign: 'q3',
  },
  metadata: later,
};

describe('RecordAnonymousEngagement', () => {
  describe('when the suspect is new', () => {
    it('starts the suspect with the engagement, its source from the utm', () => {
      expect(given().when(engage())).toEqual({ ok: true, events: [engaged] });
    });

    it.each([
      ['anonymousId', { anonymousId: '' }],
      ['anonymousId', { anonymousId: 'a/b' }],
      ['anonymousId', { anonymousId: 'x'.repeat(129) }],
      ['kind', { kind: 'dance' as never }],
      ['scoreDelta', { scoreDelta: 1.5 }],
    ])('refuses a bad %s', (field, data) => {
      expect(given().when(engage(data))).toMatchObject({ ok: false, field });
    });
  });

  describe('when the suspect is anonymous', () => {
    it('records one more engagement; the first touch stays', () => {
      const decision = given(engaged).when(engage({ scoreDelta: 3, source: 'linkedin' }));
      expect(decision).toMatchObject({ ok: true, events: [{ data: { source: 'linkedin', scoreDelta: 3 } }] });
    });
  });

  describe('when the suspect was identified', () => {
    it('records nothing here and names the lead, where the engagement lands', () => {
      expect(given(engaged, identified).when(engage())).toEqual({ ok: true, events: [], lead: leadId });
    });

    it('names no lead once that lead was erased (its link sealed away)', () => {
      const unlinked = { ...identified, data: { ...identified.data, leadId: null } };
      expect(given(engaged, unlinked).when(engage())).toEqual({ ok: true, events: [], lead: null });
    });
  });
});

describe('IdentifySuspect', () => {
  it('when the suspect has engagements › identifies it with what it brings', () => {
    const second = {
      ...engaged,
      data: { ...engaged.data, scoreDelta: 3, source: 'linkedin' },
      metadata: later,
    };
    expect(given(engaged, second).when(identify)).toEqual({
      ok: true,
      events: [{ ...identified, metadata: later }],
      lead: leadId,
    });
  });

  it('when the suspect has no engagements › stitches nothing', () => {
    expect(given().when(identify)).toEqual({ ok: true, events: [] });
  });

  it('when already identified › records nothing and names the lead it became (once)', () => {
    const other = { ...identify, data: { anonymousId, leadId: 'another' } };
    expect(given(engaged, identified).when(other)).toEqual({ ok: true, events: [], lead: leadId });
  });

  it('refuses a bad anonymousId', () => {
    expect(given().when({ ...identify, data: { anonymousId: ' ', leadId } })).toMatchObject({
      ok: false,
      field: 'anonymousId',
    });
  });
});

describe('suspectStitched', () => {
  it("puts the suspect's engagements, score and first touch on the lead", () => {
    expect(suspectStitched(identified, anonymousId, leadId, later.occurredAt)).toEqual({
      type: 'SuspectStitched',
      data: {
        leadId,
        anonymousId,
        engagements: 2,
        score: 8,
        firstTouchAt: metadata.occurredAt,
        source: 'google',
        campaign: 'q3',
      },
      metadata: later,
    });
  });
});
