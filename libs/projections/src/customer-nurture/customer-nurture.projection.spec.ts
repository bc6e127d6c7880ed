import { at, cmd, extend, history, leadId, revisitAt } from '@leadger/lead-domain/testing';
import { doc, project } from '../testing/given-events';
import { customerNurtureProjection } from './customer-nurture.projection';
import type { CustomerNurtureItem } from './customer-nurture-keys';

const scheduled = () => extend(history.won(), cmd.scheduleCustomerNurture());

describe('customer-nurture projection', () => {
  it('given a customer scheduled into onboarding › then it waits in the queue until its revisit date', () => {
    const model = project(customerNurtureProjection, scheduled());
    expect(doc<CustomerNurtureItem>(model, 'customer-nurture:items', leadId)).toEqual({
      leadId,
      sealed: { capture: null },
      source: 'webinar',
      campaign: null,
      owner: 'bob',
      customerSince: at,
      program: 'onboarding',
      scheduledAt: at,
      revisitAt,
    });
    expect(model.zsets['customer-nurture:due']).toEqual({ [leadId]: Date.parse(revisitAt) });
  });

  it('given a second schedule › then it replaces the first', () => {
    const later = '2025-09-01T00:00:00.000Z';
    const model = project(
      customerNurtureProjection,
      extend(scheduled(), cmd.scheduleCustomerNurture({ program: 'referral', revisitAt: later })),
    );
    expect(doc<CustomerNurtureItem>(model, 'customer-nurture:items', leadId)).toMatchObject({
      program: 'referral',
      revisitAt: later,
    });
    expect(model.zsets['customer-nurture:due']).toEqual({ [leadId]: Date.parse(later) });
  });

  it.each([
    ['an opportunity opened', cmd.openOpportunity()],
    ['erased', cmd.eraseLead()],
  ])('given a customer in a program, %s › then it has left the queue', (_, command) => {
    const model = project(customerNurtureProjection, extend(scheduled(), command));
    expect(model.hashes['customer-nurture:items']).toBeUndefined();
    expect(model.zsets['customer-nurture:due']).toEqual({});
  });

  it('given a won lead never scheduled › then the queue is empty', () => {
    const model = project(customerNurtureProjection, history.won());
    expect(model.hashes['customer-nurture:items']).toBeUndefined();
  });
});
