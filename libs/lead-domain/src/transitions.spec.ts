import { allowedCommands } from './allowed-commands';
import { leadCommandTypes, type LeadCommandType } from './commands';
import type { LeadEvent } from './events';
import { given } from './testing/given-when-then';
import { history, validCommand } from './testing/lead-fixtures';

// The Transitions table of DESIGN.md, written out by hand: for each state, the commands it accepts. The
// expectations come from here, never from the code under test.
const table: ReadonlyArray<{
  state: string;
  stage: string;
  history: () => LeadEvent[];
  legal: readonly LeadCommandType[];
}> = [
  { state: 'none', stage: 'none', history: history.none, legal: ['CaptureLead'] },
  {
    state: 'lead',
    stage: 'lead',
    history: history.lead,
    legal: ['CaptureLead', 'RecordEngagement', 'MarkMarketingQualified', 'DisqualifyLead', 'EraseLead'],
  },
  {
    state: 'mql',
    stage: 'mql',
    history: history.mql,
    legal: ['CaptureLead', 'RecordEngagement', 'HandOffLead', 'DisqualifyLead', 'EraseLead'],
  },
  {
    state: 'mql with a pending handoff',
    stage: 'mql',
    history: history.mqlPending,
    legal: [
      'CaptureLead',
      'RecordEngagement',
      'AcceptLead',
      'RejectLead',
      'ReassignLead',
      'DisqualifyLead',
      'EraseLead',
    ],
  },
  {
    state: 'sal',
    stage: 'sal',
    history: history.sal,
    legal: ['CaptureLead', 'RecordEngagement', 'QualifyLead', 'ReassignLead', 'DisqualifyLead', 'EraseLead'],
  },
  {
    state: 'sql',
    stage: 'sql',
    history: history.sql,
    legal: [
      'CaptureLead',
      'RecordEngagement',
      'ChangeOpportunityStage',
      'ReassignLead',
      'CloseWon',
      'CloseLost',
      'EraseLead',
    ],
  },
  {
    state: 'won',
    stage: 'won',
    history: history.won,
    legal: ['CaptureLead', 'RecordEngagement', 'OpenOpportunity', 'ScheduleCustomerNurture', 'EraseLead'],
  },
  {
    state: 'sql on an expansion',
    stage: 'sql',
    history: history.expansion,
    legal: [
      'CaptureLead',
      'RecordEngagement',
      'ChangeOpportunityStage',
      'ReassignLead',
      'CloseWon',
      'CloseLost',
      'EraseLead',
    ],
  },
  {
    state: 'lost',
    stage: 'lost',
    history: history.lost,
    legal: ['CaptureLead', 'RecordEngagement', 'ReopenDeal', 'RecycleLead', 'EraseLead'],
  },
  {
    state: 'nurture',
    stage: 'nurture',
    history: history.nurture,
    legal: ['CaptureLead', 'RecordEngagement', 'ReengageLead', 'DisqualifyLead', 'EraseLead'],
  },
  {
    state: 'disqualified',
    stage: 'disqualified',
    history: history.disqualified,
    legal: ['CaptureLead', 'RequalifyLead', 'EraseLead'],
  },
];

// CaptureLead is intake, addressed by email, and EraseLead a privacy officer's act: an existing lead
// accepts both but advertises neither.
const advertised = (row: (typeof table)[number]) =>
  row.stage === 'none'
    ? row.legal
    : row.legal.filter((type) => type !== 'CaptureLead' && type !== 'EraseLead');

const pairs = table.flatMap((row) => leadCommandTypes.map((type) => ({ ...row, type })));

describe('the transition table', () => {
  it('covers every command type', () => {
    expect(leadCommandTypes).toHaveLength(19);
  });

  describe.each(table)('when in $state', (row) => {
    it('lists exactly the legal lead actions, in table order', () => {
      const state = given(...row.history()).state;
      expect(allowedCommands(state)).toEqual(advertised(row));
    });
  });

  it.each(pairs.filter((pair) => pair.legal.includes(pair.type)))(
    'when in $state › accepts $type',
    (pair) => {
      const { decision } = given(...pair.history()).when(validCommand[pair.type]);
      expect(decision).toMatchObject({ ok: true });
      // A disqualified address captured again is answered, but records nothing (capture-lead.spec).
      const recordsNothing = pair.stage === 'disqualified' && pair.type === 'CaptureLead';
      expect(decision.ok && decision.events.length > 0).toBe(!recordsNothing);
    },
  );

  it.each(pairs.filter((pair) => pair.stage === 'none' && !pair.legal.includes(pair.type)))(
    'when no lead exists › refuses $type as not found',
    (pair) => {
      given(...pair.history())
        .when(validCommand[pair.type])
        .thenRefused({ code: 'not_found', command: pair.type });
    },
  );

  it.each(pairs.filter((pair) => pair.stage !== 'none' && !pair.legal.includes(pair.type)))(
    'when in $state › refuses $type as illegal, naming the stage and what is allowed',
    (pair) => {
      const allowed = advertised(pair);
      const { decision } = given(...pair.history()).when(validCommand[pair.type]);
      expect(decision).toEqual({
        ok: false,
        refusal: {
          code: 'illegal_transition',
          command: pair.type,
          stage: pair.stage,
          allowed,
          message: `${pair.type} is not allowed when the lead is in stage "${pair.stage}"; allowed: ${
            allowed.length > 0 ? allowed.join(', ') : 'none'
          }`,
        },
      });
    },
  );

  describe('when erased', () => {
    it('lists nothing', () => {
      expect(allowedCommands(given(...history.erased()).state)).toEqual([]);
    });

    it.each(leadCommandTypes.filter((type) => type !== 'EraseLead'))('refuses %s as erased', (type) => {
      given(...history.erased())
        .when(validCommand[type])
        .thenRefused({ code: 'erased', command: type });
    });

    it('takes EraseLead again, recording nothing', () => {
      given(...history.erased())
        .when(validCommand.EraseLead)
        .then();
    });
  });

  it('words the refusal as the API shows it', () => {
    const { decision } = given(...history.mql()).when(validCommand.CloseLost);
    expect(decision.ok || decision.refusal.message).toBe(
      'CloseLost is not allowed when the lead is in stage "mql"; allowed: RecordEngagement, HandOffLead, DisqualifyLead',
    );
  });

  it('copies the command time into every decided event', () => {
    const command = { ...validCommand.RejectLead, metadata: { occurredAt: '2025-03-31T23:59:59.000Z' } };
    const { decision } = given(...history.mqlPending()).when(command);
    expect(decision.ok && decision.events.map((event) => event.metadata.occurredAt)).toEqual([
      '2025-03-31T23:59:59.000Z',
      '2025-03-31T23:59:59.000Z',
    ]);
  });
});
