import { cmd, extend, history, leadId } from '../../../lead-domain/src/testing/lead-fixtures';
import { doc, project, spaced } from '../testing/given-events';
import { pipelineProjection } from './pipeline.projection';
import type { ClosedDeal } from './pipeline-keys';

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
    expect(doc<ClosedDeal>(model, 'pipeline:closed:2025-03-08', '6')).toEqual({
      leadId,
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

  it('given a deal lost from evaluation and reopened › then the loss is recorded and the deal is open again', () => {
    const events = extend(
      history.sql(),
      cmd.changeOpportunityStage({ stage: 'evaluation' }),
      cmd.closeLost({ recycle: false, reason: 'competitor', competitor: 'Acme' }),
      cmd.reopenDeal(),
    );
    const model = project(pipelineProjection, events);
    expect(model.hashes['pipeline:open'][open('bob', 'evaluation', 'count')]).toBe('1');
    const [row] = Object.values(model.hashes['pipeline:closed:2025-03-03']).map(
      (v) => JSON.parse(v) as ClosedDeal,
    );
    expect(row).toMatchObject({
      outcome: 'lost',
      stage: 'evaluation',
      reason: 'competitor',
      competitor: 'Acme',
    });
  });
});
