import { cmd, expansionId, extend, history, leadId, opportunityId } from '@leadger/lead-domain/testing';
import { doc, project, spaced } from '../testing/given-events';
import { pipelineProjection } from './pipeline.projection';
import type { ClosedDeal, ReopenedDeal } from './pipeline-keys';

const DAY = 86_400_000;
const start = '2025-03-03T09:00:00.000Z';
const open = (owner: string, stage: string, what: string) => JSON.stringify([owner, stage, what]);

describe('pipeline projection', () => {
  it('given a qualified lead › then one deal is open in prospecting for its owner, in cents', () => {
    const model = project(pipelineProjection, history.sql());
    expect(model.hashes['pipeline:open']).toEqual({
      [open('bob', 'prospecting', 'count')]: '1',
      [open('bob', 'prospecting', 'amount')]: '5000000',
    });
  });

  it('given a deal moved to evaluation with a new amount and reassigned › then it is open there for the new owner', () => {
    const events = extend(
      history.sql(),
      cmd.changeOpportunityStage({ stage: 'evaluation', amount: 42_000.5 }),
      cmd.reassignLead({ toOwner: 'carol' }),
    );
    expect(project(pipelineProjection, events).hashes['pipeline:open']).toEqual({
      [open('bob', 'prospecting', 'count')]: '0',
      [open('bob', 'prospecting', 'amount')]: '0',
      [open('bob', 'evaluation', 'count')]: '0',
      [open('bob', 'evaluation', 'amount')]: '0',
      [open('carol', 'evaluation', 'count')]: '1',
      [open('carol', 'evaluation', 'amount')]: '4200050',
    });
  });

  it('given a deal won two days after qualification › then it is closed on its close day with its cycle', () => {
    // captured, mql, handed off, accepted, qualified, won: a day apart.
    const model = project(pipelineProjection, spaced(history.won(), start, DAY));
    expect(model.hashes['pipeline:open'][open('bob', 'prospecting', 'count')]).toBe('0');
    expect(model.zsets['pipeline:closed-days']).toEqual({ '2025-03-08': expect.any(Number) });
    expect(doc<ClosedDeal>(model, 'pipeline:closed:2025-03-08', `${leadId}/1`)).toEqual({
      dealId: `${leadId}/1`,
      leadId,
      opportunityId,
      kind: 'new_business',
      origin: 'marketing',
      outcome: 'won',
      owner: 'bob',
      amountCents: 5_000_000,
      stage: 'prospecting',
      reason: null,
      competitor: null,
      closedAt: '2025-03-08T09:00:00.000Z',
      cycleMs: DAY,
    });
  });

  it('given a deal lost from evaluation and reopened › then it is open again, not lost, and counted as reopened', () => {
    const events = extend(
      history.sql(),
      cmd.changeOpportunityStage({ stage: 'evaluation' }),
      cmd.closeLost({ recycle: false, reason: 'competitor', competitor: 'Acme' }),
      cmd.reopenDeal(),
    );
    const model = project(pipelineProjection, events);
    expect(model.hashes['pipeline:open'][open('bob', 'evaluation', 'count')]).toBe('1');
    expect(model.hashes['pipeline:closed:2025-03-03'] ?? {}).toEqual({});
    expect(doc<ReopenedDeal>(model, 'pipeline:reopened:2025-03-03', `${leadId}/1`)).toEqual({
      dealId: `${leadId}/1`,
      leadId,
      opportunityId,
      kind: 'new_business',
      origin: 'marketing',
      owner: 'bob',
      amountCents: 5_000_000,
      stage: 'evaluation',
      reopenedAt: '2025-03-03T09:00:00.000Z',
    });
  });

  it('given a deal lost, reopened and won › then it is one won deal and no lost one', () => {
    const events = extend(history.sql(), cmd.closeLost({ recycle: false }), cmd.reopenDeal(), cmd.closeWon());
    const closed = Object.values(project(pipelineProjection, events).hashes['pipeline:closed:2025-03-03']);
    expect(closed.map((row) => (JSON.parse(row) as ClosedDeal).outcome)).toEqual(['won']);
  });

  it('given a deal lost, reopened and lost again on later days › then it is one lost deal, filed on the last day', () => {
    const events = spaced(
      extend(
        history.sql(),
        cmd.closeLost({ recycle: false }),
        cmd.reopenDeal(),
        cmd.closeLost({ recycle: false, reason: 'timing' }),
      ),
      start,
      DAY,
    );
    const model = project(pipelineProjection, events);
    const rows = Object.entries(model.hashes)
      .filter(([key]) => key.startsWith('pipeline:closed:'))
      .flatMap(([key, fields]) =>
        Object.values(fields).map((row) => [key, (JSON.parse(row) as ClosedDeal).reason]),
      );
    expect(rows).toEqual([['pipeline:closed:2025-03-10', 'timing']]);
    expect(Object.keys(model.hashes['pipeline:reopened:2025-03-09'])).toEqual([`${leadId}/1`]);
  });

  it('given a lead qualified again after a lost deal was recycled › then its second deal is another deal', () => {
    const events = extend(
      history.sql(),
      cmd.closeLost(),
      cmd.reengageLead({ toStage: 'mql' }),
      cmd.handOffLead(),
      cmd.acceptLead(),
      cmd.qualifyLead(),
      cmd.closeWon(),
    );
    const closed = project(pipelineProjection, events).hashes['pipeline:closed:2025-03-03'];
    expect(Object.keys(closed).sort()).toEqual([`${leadId}/1`, `${leadId}/2`]);
  });

  it('given a customer with an upsell open › then it is open in the expansion segment, and in all', () => {
    const segment = (name: string, stage: string, what: string) =>
      JSON.stringify(['marketing', name, 'bob', stage, what]);
    const model = project(pipelineProjection, history.expansion());
    expect(model.hashes['pipeline:open'][open('bob', 'prospecting', 'count')]).toBe('1');
    expect(model.hashes['pipeline:open-by-segment']).toEqual({
      [segment('newBusiness', 'prospecting', 'count')]: '0',
      [segment('newBusiness', 'prospecting', 'amount')]: '0',
      [segment('expansion', 'prospecting', 'count')]: '1',
      [segment('expansion', 'prospecting', 'amount')]: '2000000',
    });
  });

  it('given a customer whose upsell was lost › then the first deal stays won and the upsell is one lost deal', () => {
    const events = extend(history.expansion(), cmd.closeLost({ reason: 'pricing' }));
    const closed = project(pipelineProjection, events).hashes['pipeline:closed:2025-03-03'];
    const rows = Object.values(closed).map((row) => JSON.parse(row) as ClosedDeal);
    expect(rows.map(({ dealId, opportunityId: id, kind, outcome }) => [dealId, id, kind, outcome])).toEqual([
      [`${leadId}/1`, opportunityId, 'new_business', 'won'],
      [`${leadId}/2`, expansionId, 'upsell', 'lost'],
    ]);
  });

  it('given a lead a rep found, qualified and won › then its open sums and its closed row name its origin', () => {
    const events = extend(
      [],
      cmd.captureLead({ origin: 'sales', owner: 'bob' }),
      cmd.qualifyLead(),
      cmd.closeWon(),
    );
    const model = project(pipelineProjection, events);
    const [row] = Object.values(model.hashes['pipeline:closed:2025-03-03']).map(
      (r) => JSON.parse(r) as ClosedDeal,
    );
    expect(row).toMatchObject({ origin: 'sales', outcome: 'won', kind: 'new_business' });
    expect(Object.keys(model.hashes['pipeline:open-by-segment']).every((f) => f.startsWith('["sales"'))).toBe(
      true,
    );
  });
});
