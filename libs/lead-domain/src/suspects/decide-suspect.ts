import type { Check } from '../decision';
import { oneOf, text } from '../decide/checks';
import type { LeadEventOf, Utm } from '../events';
import { engagementKinds } from '../vocabulary';
import type { SuspectCommand, SuspectEvent, SuspectEventType, SuspectState } from './suspect';

/**
 * The events a suspect command makes, or why it is refused. `lead` names the lead an identified suspect
 * became: a later anonymous engagement lands there (the application routes it), and nowhere when the
 * lead was erased (null).
 */
export type SuspectDecision =
  | Readonly<{ ok: true; events: readonly SuspectEvent[]; lead?: string | null }>
  | Readonly<{ ok: false; field: string; message: string }>;

/** An anonymous id: a cookie's value, 1-128 of letters, digits and `._:-`, so it is safe in a stream name. */
export const anonymousIdPattern = /^[A-Za-z0-9._:-]{1,128}$/;

export function decideSuspect(command: SuspectCommand, state: SuspectState): SuspectDecision {
  const anonymousId: Check = [
    anonymousIdPattern.test(command.data.anonymousId),
    'anonymousId',
    'must be 1-128 of letters, digits and ._:-',
  ];
  if (command.type === 'IdentifySuspect') {
    const refused = failed(command.type, anonymousId);
    if (refused) return refused;
    return identifySuspect(command.data, command.metadata.occurredAt, state);
  }
  const { kind, scoreDelta, source, utm } = command.data;
  const refused = failed(command.type, anonymousId, oneOf('kind', engagementKinds, kind), [
    Number.isSafeInteger(scoreDelta),
    'scoreDelta',
    'must be an integer',
  ]);
  if (refused) return refused;
  if (state.stage === 'identified') return { ok: true, events: [], lead: state.leadId };
  const utmOf: Utm | null = utm
    ? {
        source: text(utm.source),
        medium: text(utm.medium),
        campaign: text(utm.campaign),
        term: text(utm.term),
        content: text(utm.content),
      }
    : null;
  const data = {
    kind,
    scoreDelta,
    source: text(source) ?? utmOf?.source ?? null,
    utm: utmOf,
  };
  return { ok: true, events: [{ type: 'AnonymousEngagementRecorded', data, metadata: command.metadata }] };
}

/**
 * Identifies the suspect as `leadId`, once: a suspect with no engagements stitches nothing, and one
 * already identified stays the lead it became (the answer names it).
 */
function identifySuspect(
  { leadId }: { anonymousId: string; leadId: string },
  occurredAt: string,
  state: SuspectState,
): SuspectDecision {
  if (state.stage === 'none') return { ok: true, events: [] };
  if (state.stage === 'identified') return { ok: true, events: [], lead: state.leadId };
  const { engagements, score, firstTouchAt, source, campaign } = state;
  const summary = { engagements, score, firstTouchAt, source, campaign };
  return {
    ok: true,
    events: [{ type: 'SuspectIdentified', data: { leadId, ...summary }, metadata: { occurredAt } }],
    lead: leadId,
  };
}

/**
 * The lead's side of the identification of `anonymousId`: what the suspect brought, recorded on the lead at
 * `occurredAt`.
 */
export function suspectStitched(
  identified: SuspectEvent & { type: 'SuspectIdentified' },
  anonymousId: string,
  leadId: string,
  occurredAt: string,
): LeadEventOf<'SuspectStitched'> {
  const { engagements, score, firstTouchAt, source, campaign } = identified.data;
  return {
    type: 'SuspectStitched',
    data: { leadId, anonymousId, engagements, score, firstTouchAt, source, campaign },
    metadata: { occurredAt },
  };
}

function failed(
  command: SuspectEventType | SuspectCommand['type'],
  ...checks: Check[]
): SuspectDecision | null {
  const bad = checks.find(([ok]) => !ok);
  if (!bad) return null;
  return { ok: false, field: bad[1], message: `${command}: ${bad[1]} ${bad[2]}` };
}
