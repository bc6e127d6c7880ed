import type { LeadEvent } from '@leadger/lead-domain';
import { cmd, extend, history } from '@leadger/lead-domain/testing';
import { project, spaced } from '../testing/given-events';
import type { CampaignsMemo } from './campaign-keys';
import { campaignsProjection } from './campaigns.projection';

const HOUR = 3_600_000;
const start = '2025-03-03T09:00:00.000Z';
const memoOf = (events: readonly LeadEvent[]) => {
  const model = project(campaignsProjection, spaced(events, start, HOUR));
  return JSON.parse(Object.values(model.hashes['campaigns:leads'])[0]) as CampaignsMemo;
};

describe('campaigns projection', () => {
  it('given a capture for a campaign and again for another › then both are touches, in order', () => {
    const events = extend(
      [],
      cmd.captureLead({ campaign: 'spring' }),
      cmd.captureLead({ campaign: 'summer' }),
    );
    const at = Date.parse(start);
    expect(memoOf(events).touches).toEqual([
      ['spring', at],
      ['summer', at + HOUR],
    ]);
  });

  it('given a deal lost › then it earns no credit; reopened and won › then it counts once, won', () => {
    const lost = memoOf(history.lost());
    expect(lost.deals).toEqual([]);
    const won = memoOf(extend(history.lost(), cmd.reopenDeal(), cmd.closeWon({ amount: 900 })));
    expect(won.deals).toEqual([{ amount: 900, wonMs: Date.parse(start) + 7 * HOUR }]);
  });

  it('given a deal whose amount changed with its stage › then the open deal has the new amount', () => {
    const memo = memoOf(extend(history.sql(), cmd.changeOpportunityStage({ amount: 1234 })));
    expect(memo.deals).toEqual([{ amount: 1234, wonMs: null }]);
  });
});
