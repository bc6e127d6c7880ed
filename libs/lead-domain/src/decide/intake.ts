import type { LeadCommandOf } from '../commands';
import { accepted, invalid, notAllowed, occurred, type Decision } from '../decision';
import type { Utm } from '../events';
import { normalizeEmail } from '../lead-id';
import type { LeadState } from '../state';
import { disqualifyReasons, engagementKinds, leadOrigins } from '../vocabulary';
import { noteForOther, oneOf, required, text } from './checks';

// Marketing's side of the funnel: capture, engagement, qualification to mql, and disqualification.

/**
 * A sales-sourced capture ("sales first in") starts the lead at sal, owned by the rep who found it: no MQL
 * or handoff is invented for it. A known email records an engagement; a disqualified one records nothing, so that a web form resubmitting
 * it gets an answer it can live with rather than a refusal (RequalifyLead is the way back).
 */
export function captureLead(command: LeadCommandOf<'CaptureLead'>, state: LeadState): Decision {
  const { data } = command;
  const email = normalizeEmail(data.email);
  const refused = invalid(
    command,
    required('email', email),
    required('source', data.source),
    oneOf('via', engagementKinds, data.via ?? 'form_submission'),
    oneOf('origin', leadOrigins, data.origin ?? 'marketing'),
    data.origin === 'sales'
      ? required('owner', data.owner)
      : [text(data.owner) === null, 'owner', 'is named only for a sales-sourced lead (origin sales)'],
  );
  if (refused) return refused;
  if (state.stage === 'disqualified') return accepted();
  const source = data.source.trim();
  if (state.stage !== 'none') {
    const kind = data.via ?? 'form_submission';
    const engagement = {
      kind,
      scoreDelta: 0,
      note: null,
      source,
      campaign: text(data.campaign),
      recapture: true,
    };
    return accepted({
      type: 'EngagementRecorded',
      data: { leadId: data.leadId, ...engagement },
      metadata: occurred(command),
    });
  }
  return accepted({
    type: 'LeadCaptured',
    data: {
      leadId: data.leadId,
      email,
      firstName: text(data.firstName),
      lastName: text(data.lastName),
      company: text(data.company),
      title: text(data.title),
      phone: text(data.phone),
      source,
      campaign: text(data.campaign),
      utm: utmOf(data.utm),
      anonymousId: text(data.anonymousId),
      via: data.via ?? 'form_submission',
      origin: data.origin ?? 'marketing',
      owner: text(data.owner),
    },
    metadata: occurred(command),
  });
}

function utmOf(utm: LeadCommandOf<'CaptureLead'>['data']['utm']): Utm | null {
  if (!utm) return null;
  const { source, medium, campaign, term, content } = utm;
  return {
    source: text(source),
    medium: text(medium),
    campaign: text(campaign),
    term: text(term),
    content: text(content),
  };
}

export function recordEngagement(command: LeadCommandOf<'RecordEngagement'>, state: LeadState): Decision {
  if (state.stage === 'none' || state.stage === 'disqualified') return notAllowed(command, state);
  const { leadId, kind, scoreDelta, note } = command.data;
  const refused = invalid(command, oneOf('kind', engagementKinds, kind), [
    Number.isSafeInteger(scoreDelta),
    'scoreDelta',
    'must be an integer',
  ]);
  if (refused) return refused;
  const engagement = { kind, scoreDelta, note: text(note), source: null, campaign: null, recapture: false };
  return accepted({
    type: 'EngagementRecorded',
    data: { leadId, ...engagement },
    metadata: occurred(command),
  });
}

export function markMarketingQualified(
  command: LeadCommandOf<'MarkMarketingQualified'>,
  state: LeadState,
): Decision {
  if (state.stage !== 'lead') return notAllowed(command, state);
  const { leadId, score, reason } = command.data;
  const refused = invalid(
    command,
    [Number.isFinite(score), 'score', 'must be a finite number'],
    required('reason', reason),
  );
  if (refused) return refused;
  const data = { leadId, score, reason: reason.trim() };
  return accepted({ type: 'LeadMarketingQualified', data, metadata: occurred(command) });
}

export function disqualifyLead(command: LeadCommandOf<'DisqualifyLead'>, state: LeadState): Decision {
  const fromStage = state.stage;
  if (fromStage !== 'lead' && fromStage !== 'mql' && fromStage !== 'sal' && fromStage !== 'nurture') {
    return notAllowed(command, state);
  }
  const { leadId, reason, note } = command.data;
  const refused = invalid(
    command,
    oneOf('reason', command.data.reasons ?? disqualifyReasons, reason),
    noteForOther(reason, note),
  );
  if (refused) return refused;
  const data = { leadId, reason, note: text(note), fromStage };
  return accepted({ type: 'LeadDisqualified', data, metadata: occurred(command) });
}

/** Undoes a mistaken disqualification, with a note saying why; history keeps both facts. */
export function requalifyLead(command: LeadCommandOf<'RequalifyLead'>, state: LeadState): Decision {
  if (state.stage !== 'disqualified') return notAllowed(command, state);
  const { leadId, note } = command.data;
  const refused = invalid(command, required('note', note));
  if (refused) return refused;
  const data = { leadId, note: note.trim(), fromReason: state.reason };
  return accepted({ type: 'LeadRequalified', data, metadata: occurred(command) });
}
