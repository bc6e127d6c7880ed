import { cmd, extend, history, leadId, revisitAt } from '@leadger/lead-domain/testing';
import type { LeadEvent } from '@leadger/lead-domain';
import { doc, project } from '../testing/given-events';
import { nurtureProjection } from './nurture.projection';
import type { NurtureItem } from './nurture-keys';

describe('nurture projection', () => {
  it('given a lead rejected at handoff › then it waits in nurture until its revisit date', () => {
    const model = project(nurtureProjection, history.nurture());
    expect(doc<NurtureItem>(model, 'nurture:items', leadId)).toEqual({
      leadId,
      sealed: { capture: null, recycle: null },
      source: 'webinar',
      campaign: null,
      origin: 'rejected',
      originStage: 'mql',
      originLabel: 'rejected at handoff',
      reason: 'bad_timing',
      recycledAt: '2025-03-03T09:00:00.000Z',
      revisitAt,
    });
    expect(model.zsets['nurture:due']).toEqual({ [leadId]: Date.parse(revisitAt) });
  });

  it('given a deal lost from prospecting and recycled › then its origin reads lost at prospecting', () => {
    const item = doc<NurtureItem>(
      project(nurtureProjection, history.nurtureFromLost()),
      'nurture:items',
      leadId,
    );
    expect(item).toMatchObject({
      origin: 'lost',
      originStage: 'prospecting',
      originLabel: 'lost at prospecting',
    });
  });

  it('given events as stored, personal fields sealed › then the item keeps them sealed, and never in clear', () => {
    const stored = history.nurture().map((event) => {
      if (event.type === 'LeadCaptured')
        return { ...event, data: { ...event.data, email: null, personal: 'v1.capture' } };
      if (event.type === 'LeadRecycled') return { ...event, data: { ...event.data, personal: 'v1.recycle' } };
      return event;
    }) as LeadEvent[];
    const item = doc<NurtureItem>(project(nurtureProjection, stored), 'nurture:items', leadId);
    expect(item?.sealed).toEqual({ capture: 'v1.capture', recycle: 'v1.recycle' });
    expect(JSON.stringify(item)).not.toContain('ann@example.com');
  });

  it.each([
    ['re-engaged', cmd.reengageLead()],
    ['erased', cmd.eraseLead()],
    ['disqualified', cmd.disqualifyLead()],
  ])('given a nurtured lead %s › then it has left the queue', (_, command) => {
    const model = project(nurtureProjection, extend(history.nurture(), command));
    expect(model.hashes['nurture:items']).toBeUndefined();
    expect(model.zsets['nurture:due']).toEqual({});
  });
});
