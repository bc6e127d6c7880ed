import { cmd, extend, history, leadId } from '@leadger/lead-domain/testing';
import { autoMql } from './auto-mql';
import { leadOf, rulesOf } from './testing/policy-fixtures';

const now = '2025-03-05T10:00:00.000Z';
const engaged = (score: number, past = history.lead()) =>
  leadOf(extend(past, cmd.recordEngagement({ scoreDelta: score })));
const profiled = (profile: { company?: string; title?: string }) =>
  leadOf(extend([], cmd.captureLead(profile), cmd.recordEngagement({ scoreDelta: 80 })));

describe('auto-MQL policy', () => {
  const rules = rulesOf({
    mql: {
      rules: [
        { name: 'enterprise-fit', minScore: 40, companyPresent: true, titleMatches: '^(vp|head|chief)' },
        { name: 'webinar-engaged', minScore: 70, sources: ['webinar'] },
      ],
    },
  });

  it('given a lead whose score and profile satisfy a rule › marks it MQL with the rule as the reason', () => {
    expect(autoMql(profiled({ company: 'Acme', title: 'VP Sales' }), rules, now)).toEqual({
      policy: 'auto-mql',
      rule: 'mql.rules.enterprise-fit',
      command: {
        type: 'MarkMarketingQualified',
        data: { leadId, score: 80, reason: 'enterprise-fit' },
        metadata: { occurredAt: now },
      },
    });
  });

  it('given the first rule unmet › tries the next in order', () => {
    expect(autoMql(profiled({ title: 'VP Sales' }), rules, now)?.rule).toBe('mql.rules.webinar-engaged');
    expect(autoMql(profiled({ company: 'Acme', title: 'intern' }), rules, now)?.rule).toBe(
      'mql.rules.webinar-engaged',
    );
  });

  it('given a score below every threshold › does nothing', () => {
    expect(autoMql(engaged(39), rules, now)).toBeNull();
  });

  it('given a source outside the rule’s set › does nothing', () => {
    const fromAds = leadOf(historyWithSource('ads', 90));
    expect(autoMql(fromAds, rules, now)).toBeNull();
  });

  it('given a lead already past stage lead › does nothing', () => {
    expect(autoMql(engaged(90, history.mql()), rules, now)).toBeNull();
    expect(autoMql(engaged(90, history.sal()), rules, now)).toBeNull();
  });

  it('given no MQL rules (the default) › never moves a lead', () => {
    expect(autoMql(engaged(1000), rulesOf(), now)).toBeNull();
  });
});

function historyWithSource(source: string, score: number) {
  return extend([], cmd.captureLead({ source }), cmd.recordEngagement({ scoreDelta: score }));
}
