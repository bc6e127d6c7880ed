import type { LeadDraft } from '@leadger/lead-application';
import type {
  CustomerNurtureProgram,
  EngagementKind,
  LeadState,
  OpportunityStage,
} from '@leadger/lead-domain';
import { contactFor } from './people';
import { JOURNEY, visitorStory, type BuiltSuspect, type Journey, type SuspectStreams } from './journeys';
import { Random } from './random';
import * as rates from './rates';
import { iso, StoryWriter } from './story-writer';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const owners = ['ava', 'ben', 'cho', 'dev', 'eli', 'fay', 'gus', 'hal'];
/** A lead's story ends after this many commands, whatever happens. */
const MAX_STEPS = 40;

export interface StoryOptions {
  readonly seed: number;
  /** Names the run in command ids (seed, period): another period of one seed is another history. */
  readonly run: string;
  /** The lead's number in the run: its email, ids and random numbers derive from it. */
  readonly n: number;
  readonly capturedAt: number;
  /** Nothing happens at or after this time (epoch ms): the end of the simulated year. */
  readonly horizon: number;
  readonly leadId: string;
  /** The lead's data key, which seals its personal fields. */
  readonly key: Buffer;
  readonly journey: Journey;
  /** The stream and vault key of the visitor it was first (`journey.visitor`). */
  readonly visitorStream: SuspectStreams['visitor'];
}

/**
 * One lead's history from capture to wherever it stops before the horizon: at each stage the rates pick
 * the next command, and the real decider decides it, so it is always a legal history. Each command is
 * recorded a few seconds after it happened, except event lists' captures, which are typed in days later.
 */
export class LeadStory {
  private readonly story: StoryWriter;
  private readonly source: rates.Source;
  private reengaged = 0;
  private reopened = false;
  private expansions = 0;
  /** Whether the customer was put in a program since its latest win. */
  private nurturedSinceWin = false;
  /** The lead's address, captured first. */
  readonly email: string;
  /** The anonymous visitor it was before, if any: its stream, to append before the lead's. */
  readonly suspects: BuiltSuspect[] = [];

  constructor(
    private readonly rng: Random,
    options: StoryOptions,
  ) {
    const contact = contactFor(rng, options.seed, options.n);
    const { run, n, capturedAt: startAt, horizon, leadId, key } = options;
    this.email = contact.email;
    this.story = new StoryWriter(rng, leadId, key, { run, n, startAt, horizon });
    this.source = rng.weighted(shares);
    const campaign = rng.pick(rates.sourceRates[this.source].campaigns);
    const via: EngagementKind =
      this.source === 'events'
        ? 'event_attended'
        : rng.weighted({ form_submission: 6, content_download: 3, call: 1 });
    const typedInLater = this.source === 'events' ? () => rng.between(DAY, 7 * DAY) : undefined;
    const capture = { ...contact, source: this.source, campaign, via };
    const { journey } = options;
    const journeyRng = Random.for(options.seed ^ JOURNEY ^ 1, n);
    if (journey.salesFound) {
      const owner = journeyRng.pick(owners);
      this.story.issue(
        'CaptureLead',
        0,
        `user:${owner}`,
        { ...capture, origin: 'sales', owner },
        typedInLater,
      );
    } else if (journey.visitor && options.visitorStream && !typedInLater) {
      const visitor = journey.visitor;
      const { draft, identified } = visitorStory(
        journeyRng,
        run,
        visitor,
        options.visitorStream.stream,
        startAt,
        options.visitorStream.key,
        leadId,
      );
      this.suspects.push({ stream: draft.stream, events: draft.events });
      this.story.issue('CaptureLead', 0, 'svc:web-form', { ...capture, anonymousId: visitor });
      const issuer = { actor: 'svc:web-form', correlationId: `${run}-${n}` };
      if (identified) this.story.draft.stitch(identified, issuer, new Date(startAt + 5000));
    } else this.story.issue('CaptureLead', 0, 'svc:web-form', capture, typedInLater);
  }

  /** Plays the story to its end. */
  play(): LeadDraft {
    while (this.story.steps < MAX_STEPS && this.story.open && this.step()) {
      // each step issued one or more commands; the loop stops when the lead's story is over
    }
    return this.story.draft;
  }

  private get state(): LeadState {
    return this.story.draft.state;
  }

  /** One move from the current stage; false when the story ends here. */
  private step(): boolean {
    const { rng } = this;
    const state = this.state;
    switch (state.stage) {
      case 'lead':
        return this.nurtureToMql();
      case 'mql':
        if (!state.pendingHandoff) {
          if (!rng.chance(rates.handoffRate)) return false;
          const toOwner = state.owner ?? rng.pick(owners);
          return this.story.issue('HandOffLead', rng.between(HOUR, 2 * DAY), 'svc:lead-router', (at) => ({
            toOwner,
            slaDueAt: iso(at + DAY),
          }));
        }
        return this.decideHandoff(state.pendingHandoff.toOwner);
      case 'sal':
        if (rng.chance(rates.disqualifyAtSal))
          return this.story.issue('DisqualifyLead', rng.between(DAY, 10 * DAY), `user:${state.owner}`, {
            reason: 'not_a_fit',
          });
        if (!rng.chance(rates.qualifyRate)) return false;
        return this.qualify(state.owner);
      case 'sql':
        return this.workDeal(state.owner, state.opportunity.stage);
      case 'lost':
        if (!this.reopened && rng.chance(rates.reopenRate)) {
          this.reopened = true;
          return this.story.issue('ReopenDeal', rng.between(10 * DAY, 60 * DAY), `user:${state.owner}`, {});
        }
        if (!rng.chance(rates.recycleLater)) return false;
        return this.story.issue('RecycleLead', rng.between(DAY, 20 * DAY), 'svc:nurture', (at) => ({
          reason: state.lostReason,
          revisitAt: iso(at + revisitDays(state.lostReason) * DAY),
        }));
      case 'nurture': {
        const due = this.story.revisitAt ?? 0;
        if (rng.chance(rates.disqualifyFromNurture))
          return this.story.issue('DisqualifyLead', rng.between(DAY, 30 * DAY), 'user:mops', {
            reason: 'not_a_fit',
          });
        if (this.reengaged >= 2 || !rng.chance(rates.reengageRate)) return false;
        this.reengaged++;
        this.story.waitUntil(due);
        return this.story.issue('ReengageLead', rng.between(0, 30 * DAY), 'svc:nurture', {
          toStage: rng.chance(0.6) ? 'lead' : 'mql',
        });
      }
      case 'won':
        return this.workCustomer(state.owner);
      default:
        // disqualified: the story is over.
        return false;
    }
  }

  /** Engagements while marketing works the lead, then MQL, disqualification or nothing. */
  private nurtureToMql(): boolean {
    const { rng } = this;
    const touches = Math.floor(-Math.log(1 - rng.next()) * 1.2);
    for (let i = 0; i < touches && this.story.steps < MAX_STEPS - 4; i++) {
      const kind = rng.weighted({ web_visit: 5, email_click: 4, content_download: 2, meeting: 0.3 });
      this.story.issue('RecordEngagement', rng.between(HOUR, 10 * DAY), 'svc:marketing-automation', {
        kind,
        scoreDelta: rng.int(1, 15),
      });
    }
    if (this.reengaged === 0 && rng.chance(rates.disqualifyAtIntake))
      return this.story.issue('DisqualifyLead', rng.between(HOUR, 3 * DAY), 'user:mops', {
        reason: rng.weighted(rates.disqualifyReasonWeights),
      });
    const mql = this.reengaged > 0 ? 0.5 : rates.sourceRates[this.source].mql;
    if (!rng.chance(mql)) return false;
    return this.story.issue(
      'MarkMarketingQualified',
      rng.between(DAY, 30 * DAY),
      'svc:marketing-automation',
      {
        score: rng.int(60, 100),
        reason: rng.pick(['score over 60', 'demo request', 'pricing page visits', 'contact sales form']),
      },
    );
  }

  private decideHandoff(toOwner: string): boolean {
    const { rng } = this;
    if (rng.chance(rates.reassignBeforeDecision)) {
      const other = rng.pick(owners.filter((owner) => owner !== toOwner));
      this.story.issue('ReassignLead', rng.between(2 * HOUR, 20 * HOUR), 'user:sales-manager', {
        toOwner: other,
      });
      toOwner = other;
    }
    const after = rng.between(HOUR, 36 * HOUR);
    if (rng.chance(rates.sourceRates[this.source].reject)) {
      const reason = rng.weighted(rates.rejectReasonWeights);
      return this.story.issue('RejectLead', after, `user:${toOwner}`, (at) => ({
        reason,
        revisitAt: iso(at + revisitDays(reason) * DAY),
      }));
    }
    return this.story.issue('AcceptLead', after, `user:${toOwner}`, {});
  }

  private qualify(owner: string): boolean {
    const amount = Math.round(this.rng.logNormal(25_000, 0.8) / 100) * 100;
    return this.story.issue('QualifyLead', this.rng.between(2 * DAY, 20 * DAY), `user:${owner}`, {
      opportunityId: this.story.nextId,
      budget: Math.round(amount * this.rng.between(0.8, 1.5)),
      authority: this.rng.pick(['CFO signs', 'VP approves', 'committee']),
      need: this.rng.pick(['pipeline visibility', 'faster handoffs', 'forecasting', 'attribution']),
      timeline: this.rng.pick(['this quarter', 'next quarter', 'this year']),
      amount,
    });
  }

  /**
   * After the sale: onboarding soon after a win, then now and then an expansion (won or lost like any deal,
   * a loss leaving the customer a customer) or another program.
   */
  private workCustomer(owner: string): boolean {
    const { rng } = this;
    if (!this.nurturedSinceWin) {
      this.nurturedSinceWin = true;
      if (rng.chance(rates.onboardingAfterWin))
        return this.scheduleCustomerNurture('onboarding', rates.onboardingDays, rng.between(HOUR, DAY));
    }
    if (this.expansions < rates.maxExpansions && rng.chance(rates.expansionRate)) {
      this.expansions++;
      const amount = Math.round(rng.logNormal(8_000, 0.7) / 100) * 100;
      const kind = rng.weighted(rates.expansionKindWeights);
      return this.story.issue('OpenOpportunity', rng.between(30 * DAY, 180 * DAY), `user:${owner}`, {
        opportunityId: this.story.nextId,
        kind,
        amount,
      });
    }
    if (!rng.chance(rates.laterProgramRate)) return false;
    const program = rng.weighted(rates.laterProgramWeights);
    return this.scheduleCustomerNurture(program, rng.int(30, 120), rng.between(10 * DAY, 90 * DAY));
  }

  private scheduleCustomerNurture(program: CustomerNurtureProgram, days: number, afterMs: number): boolean {
    return this.story.issue('ScheduleCustomerNurture', afterMs, 'user:mops', (at) => ({
      program,
      revisitAt: iso(at + days * DAY),
    }));
  }

  /** Moves a deal through the stages it will reach, then closes it (or leaves it open). */
  private workDeal(owner: string, stage: OpportunityStage): boolean {
    const { rng } = this;
    const actor = `user:${owner}`;
    if (stage === 'prospecting' && rng.chance(rates.toEvaluation))
      return this.story.issue('ChangeOpportunityStage', rng.between(5 * DAY, 30 * DAY), actor, {
        stage: 'evaluation',
      });
    if (stage === 'evaluation' && rng.chance(rates.stepBack))
      return this.story.issue('ChangeOpportunityStage', rng.between(3 * DAY, 15 * DAY), actor, {
        stage: 'prospecting',
      });
    if (stage === 'evaluation' && rng.chance(rates.toCommitment))
      return this.story.issue('ChangeOpportunityStage', rng.between(5 * DAY, 30 * DAY), actor, {
        stage: 'commitment',
      });
    if (rng.chance(rates.stayOpen)) return false;
    const after = rng.between(5 * DAY, 45 * DAY);
    if (rng.chance(this.reopened ? 0.35 : rates.winRate[stage])) {
      this.nurturedSinceWin = false;
      return this.story.issue('CloseWon', after, actor, {});
    }
    const reason = rng.weighted(rates.lostReasonWeights);
    const recycle = rng.chance(rates.recycleOnLoss);
    const competitor = reason === 'competitor' ? rng.pick(rates.competitors) : undefined;
    return this.story.issue('CloseLost', after, actor, (at) => ({
      reason,
      competitor,
      recycle,
      revisitAt: iso(at + revisitDays(reason) * DAY),
    }));
  }
}

const shares = Object.fromEntries(
  rates.sources.map((source) => [source, rates.sourceRates[source].share]),
) as Record<rates.Source, number>;

function revisitDays(reason: string): number {
  return rates.revisitDays[reason] ?? rates.defaultRevisitDays;
}
