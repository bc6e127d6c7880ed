import type { RecordedEvent } from '@leadger/event-store';
import { decideSuspect, suspectStitched, type SuspectEventOf } from '@leadger/lead-domain';
import type { CommandHandlerDeps } from '../handle-command';
import { indexLead, type IndexedLead } from '../lead-cache';
import { loadLead } from '../lead-stream';
import { retryOnConflict } from '../retry-on-conflict';
import { toEventData } from '../to-event-data';
import {
  loadSuspect,
  sealSuspectEvent,
  toSuspectEvent,
  type LoadedSuspect,
  type SuspectNames,
} from './suspect-stream';

/** What the suspect paths need of the command path, and the directory that names suspect streams. */
export type SuspectDeps = Pick<
  CommandHandlerDeps,
  'store' | 'personalData' | 'clock' | 'newId' | 'maxAttempts' | 'mutex' | 'cache'
> & { readonly directory: SuspectNames };

/** Who caused a stitch: the capture's (or the engagement's) caller, or the policy that finishes it. */
export interface StitchCause {
  readonly actor: string;
  readonly command: 'CaptureLead' | 'RecordAnonymousEngagement' | 'FinishStitch';
  readonly correlationId?: string;
  /** A policy's stamp: which policy, rule and rules finished the stitch. */
  readonly policy?: { readonly name: string; readonly rule: string; readonly digest: string };
}

// Stitching spans two streams, so it is done in two appends that can each be retried alone:
// 1. the suspect stream records `SuspectIdentified {leadId}` at the revision read: of two captures racing
//    for one anonymousId, exactly one wins there, and the other reads the winner's lead;
// 2. the lead records `SuspectStitched`, its command id derived from the suspect event's id, so appending it
//    again (a retried capture, the next touch of either stream) finds it there and adds nothing.
// A crash between the two leaves step 2 to the next capture naming the suspect, its next anonymous
// engagement, or the stitch policy following the log, whichever comes first.

/** Where a stitch appended `SuspectStitched` on the lead. */
export interface Stitched {
  readonly revision: bigint;
  readonly position: bigint;
}

/** The lead a suspect is (null: none yet, or erased), and the stitch appended now, if one was. */
export interface StitchOutcome {
  readonly leadId: string | null;
  readonly stitched: Stitched | null;
}

/**
 * Identifies the suspect as `leadId` unless it already is someone (or has no engagements), then makes
 * sure the lead it became records the stitch.
 */
export async function stitchSuspect(
  deps: SuspectDeps,
  anonymousId: string,
  leadId: string,
  occurredAt: string,
  cause: StitchCause,
): Promise<StitchOutcome> {
  const suspect = await retryOnConflict(
    deps.maxAttempts ?? 10,
    () => identify(deps, anonymousId, leadId, occurredAt, cause),
    () => undefined,
  );
  const stitched = await finishStitch(deps, suspect, cause);
  return { leadId: suspect.state.stage === 'identified' ? suspect.state.leadId : null, stitched };
}

async function identify(
  deps: SuspectDeps,
  anonymousId: string,
  leadId: string,
  occurredAt: string,
  cause: StitchCause,
): Promise<LoadedSuspect> {
  const suspect = await loadSuspect(deps.store, deps.personalData, deps.directory, anonymousId);
  const decision = decideSuspect(
    { type: 'IdentifySuspect', data: { anonymousId, leadId }, metadata: { occurredAt } },
    suspect.state,
  );
  if (!decision.ok || decision.events.length === 0) return suspect;
  const sealed = await Promise.all(
    decision.events.map((event) => sealSuspectEvent(deps.personalData, suspect, event)),
  );
  const issued = { ...cause, commandId: deps.newId(), command: 'IdentifySuspect' };
  const data = toEventData(suspect, sealed, issued, deps.clock());
  await deps.store.appendToStream(suspect.stream, data, suspect.revision);
  // Read back, so the stitch below works from the stored event exactly as a later touch would.
  return loadSuspect(deps.store, deps.personalData, deps.directory, anonymousId);
}

/**
 * Appends the lead's `SuspectStitched` for an identified suspect if the lead does not hold it yet: the
 * second half of a stitch, safe to run any number of times, by any process.
 */
export async function finishStitch(
  deps: Omit<SuspectDeps, 'directory'>,
  suspect: LoadedSuspect,
  cause: StitchCause,
): Promise<Stitched | null> {
  if (suspect.state.stage !== 'identified' || suspect.state.leadId === null) return null;
  const stored = suspect.events.find((event) => event.type === 'SuspectIdentified');
  if (!stored) return null;
  const leadId = suspect.state.leadId;
  const key = await deps.personalData.openingKey(suspect.stream);
  const identified = toSuspectEvent(stored, key) as SuspectEventOf<'SuspectIdentified'>;
  const work = (): Promise<Stitched | null> =>
    retryOnConflict<Stitched | null>(
      deps.maxAttempts ?? 10,
      () => appendStitch(deps, leadId, suspect.anonymousId, stored, identified, cause),
      () => undefined,
    );
  return deps.mutex ? deps.mutex.run(leadId, work) : work();
}

async function appendStitch(
  deps: Omit<SuspectDeps, 'directory'>,
  leadId: string,
  anonymousId: string,
  stored: RecordedEvent,
  identified: SuspectEventOf<'SuspectIdentified'>,
  cause: StitchCause,
): Promise<Stitched | null> {
  const commandId = `stitch:${stored.id}`;
  const { lead, commandIds } = await loadIndexed(deps, leadId);
  if (lead.revision === 'no_stream' || lead.state.stage === 'none' || lead.state.erased) return null;
  if (commandIds.has(commandId)) return null;
  // Business time never runs backwards on a lead: a stitch finished late is dated at the lead's latest event.
  const at = identified.metadata.occurredAt;
  const occurredAt = Date.parse(at) >= Date.parse(lead.state.lastEventAt) ? at : lead.state.lastEventAt;
  const sealed = await deps.personalData.seal(leadId, [
    suspectStitched(identified, anonymousId, leadId, occurredAt),
  ]);
  const issued = { ...cause, commandId, causationId: stored.id };
  const data = toEventData(lead, sealed, issued, deps.clock());
  const appended = await deps.store.appendToStream(lead.stream, data, lead.revision);
  return { revision: appended.nextExpectedRevision, position: appended.position };
}

async function loadIndexed(deps: Omit<SuspectDeps, 'directory'>, leadId: string): Promise<IndexedLead> {
  return deps.cache ? deps.cache.load(deps.store, leadId) : indexLead(await loadLead(deps.store, leadId));
}
