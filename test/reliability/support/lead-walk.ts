import {
  disqualifyReasons,
  engagementKinds,
  lostReasons,
  opportunityStages,
  rejectReasons,
  type OpportunityStage,
  type Stage,
} from '@leadger/lead-domain';
import type { CommandAnswer } from '../../../apps/api/src/leads/command-answer';

// One lead's walk through the lifecycle as the load sends it: which commands are legal in its stage (and
// how likely each is), and what an answer changes. The stage comes from the answers; owners and a pending
// handoff only the sender knows.

const owners = ['ava', 'ben', 'cho', 'dev'];
export const sources = ['webinar', 'ads', 'referral', 'organic'];

export interface Journey {
  readonly email: string;
  leadId?: string;
  stage: Stage | 'new';
  opportunity?: OpportunityStage;
  /** The owner a pending handoff waits on, or the accepted owner. */
  owner?: string;
  pending: boolean;
  steps: number;
}

export type Step = readonly [action: string, body: object];
export type Pick = <T>(list: readonly T[]) => T;

/** The commands legal in the journey's stage, weighted: mostly forward, sometimes back or out. */
export function choices(journey: Journey, pick: Pick): [weight: number, step: () => Step][] {
  const engagement = (): Step => [
    'engagements',
    { kind: pick(engagementKinds), scoreDelta: pick([-5, 5, 20]) },
  ];
  const disqualify = (): Step => [
    'disqualify',
    { reason: pick(disqualifyReasons.filter((r) => r !== 'other')) },
  ];
  const reassign = (): Step => ['reassign', { toOwner: pick(owners.filter((o) => o !== journey.owner)) }];
  switch (journey.stage) {
    case 'lead':
      return [
        [5, () => ['mql', { score: 80, reason: 'score over 70' }]],
        [2, engagement],
        [0.3, disqualify],
      ];
    case 'mql':
      return journey.pending
        ? [
            [5, () => ['accept', {}]],
            [2, () => ['reject', { reason: pick(rejectReasons.filter((r) => r !== 'other')) }]],
            [1, reassign],
          ]
        : [
            [5, () => ['handoff', { toOwner: pick(owners) }]],
            [1, engagement],
            [0.3, disqualify],
          ];
    case 'sal':
      return [
        [
          5,
          () => [
            'qualify',
            { budget: 90000, authority: 'CFO', need: 'visibility', timeline: 'Q3', amount: 42000.5 },
          ],
        ],
        [1, reassign],
        [0.3, disqualify],
      ];
    case 'sql':
      return [
        [3, () => ['stage', { stage: pick(opportunityStages.filter((s) => s !== journey.opportunity)) }]],
        [2, () => ['won', {}]],
        [
          2,
          () => [
            'lost',
            { reason: pick(lostReasons.filter((r) => r !== 'other')), recycle: pick([true, false]) },
          ],
        ],
        [1, reassign],
        [1, engagement],
      ];
    case 'lost':
      return [
        [1, () => ['reopen', {}]],
        [1, () => ['recycle', {}]],
      ];
    case 'nurture':
      return [
        [3, () => ['reengage', { toStage: pick(['lead', 'mql']) }]],
        [1, engagement],
        [0.3, disqualify],
      ];
    default:
      return [];
  }
}

/** Follows what a successful answer says about the lead, plus what only the sender knows (owners). */
export function advance(journey: Journey, [action, body]: Step, answer: CommandAnswer): void {
  journey.leadId = answer.leadId;
  journey.stage = answer.stage;
  journey.opportunity = answer.opportunityStage;
  journey.steps++;
  const toOwner = (body as { toOwner?: string }).toOwner;
  if (action === 'handoff') journey.pending = true;
  if (toOwner) journey.owner = toOwner;
  if (action === 'accept') journey.pending = false;
  if (action === 'reject' || action === 'reengage') {
    journey.pending = false;
    journey.owner = undefined;
  }
}
