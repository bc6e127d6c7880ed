import { hasCurrentShape, upcast } from './upcast';

describe('upcast', () => {
  it('gives a reassignment stored before 0.3 a null reason and SLA', () => {
    const stored = { leadId: 'l', fromOwner: 'a', toOwner: 'b', pendingHandoff: true };
    expect(upcast('LeadReassigned', stored)).toEqual({ ...stored, reason: null, slaDueAt: null });
  });

  it('reads a capture stored before 0.4 as marketing-sourced, with no owner', () => {
    const stored = { leadId: 'l', source: 'webinar' };
    expect(upcast('LeadCaptured', stored)).toEqual({ ...stored, origin: 'marketing', owner: null });
  });

  it('keeps what a newer event carries', () => {
    const stored = {
      leadId: 'l',
      fromOwner: 'a',
      toOwner: 'b',
      pendingHandoff: true,
      reason: 'sla_breach',
      slaDueAt: 'x',
    };
    expect(upcast('LeadReassigned', stored)).toEqual(stored);
  });

  it('gives a deal stored before 0.4 no opportunity id and the kind new_business', () => {
    const stored = { leadId: 'l', amount: 1, owner: 'bob', fromStage: 'commitment' };
    expect(upcast('DealWon', stored)).toEqual({ ...stored, opportunityId: null, kind: 'new_business' });
    expect(upcast('LeadQualified', { leadId: 'l' })).toEqual({ leadId: 'l', opportunityId: null });
  });

  it('leaves types without added fields as they are', () => {
    const stored = { leadId: 'l' };
    expect(upcast('LeadAccepted', stored)).toBe(stored);
  });
});

describe('hasCurrentShape', () => {
  it('is false while a field upcast would add is missing, even one stored as null', () => {
    expect(hasCurrentShape('LeadCaptured', { leadId: 'l', source: 'webinar' })).toBe(false);
    expect(hasCurrentShape('LeadCaptured', { leadId: 'l', origin: 'sales' })).toBe(false);
    expect(hasCurrentShape('LeadCaptured', { leadId: 'l', origin: 'sales', owner: null })).toBe(true);
  });

  it('is true for types that never gained a field', () => {
    expect(hasCurrentShape('LeadAccepted', {})).toBe(true);
  });
});
