import { createHash } from 'node:crypto';
import type { JsonObject, RecordedEvent } from '@leadger/event-store';
import { canonicalJson } from './canonical-json';

/** The facts of one event that its hash covers: everything but the hash itself. */
export interface HashedFacts {
  readonly stream: string;
  readonly revision: bigint;
  readonly id: string;
  readonly type: string;
  readonly data: JsonObject;
  /** Metadata without `hash`; includes `prevHash`, so each hash seals the chain before it. */
  readonly metadata: JsonObject;
}

export function hashEvent(facts: HashedFacts): string {
  const sealed = canonicalJson({ ...facts, revision: facts.revision.toString() });
  return createHash('sha256').update(sealed).digest('hex');
}

export type ChainBreak = {
  readonly stream: string;
  readonly revision: bigint;
  readonly reason: 'revision_gap' | 'prev_hash_mismatch' | 'hash_mismatch';
};

/** Where a stream's chain stands after the events checked so far. */
export interface ChainTip {
  readonly revision: bigint;
  readonly hash: string;
}

/**
 * Checks one event against the tip of its stream (`undefined` before its first event): the revision that
 * follows, a `prevHash` naming the tip's hash, and a hash that matches the event. Lets a reader check all
 * of `$all` in one pass, keeping one tip per stream.
 */
export function checkLink(tip: ChainTip | undefined, event: RecordedEvent): ChainBreak | undefined {
  const at = { stream: event.streamName, revision: event.revision };
  if (event.revision !== (tip ? tip.revision + 1n : 0n)) return { ...at, reason: 'revision_gap' };
  const { hash, ...metadata } = event.metadata;
  if ((metadata.prevHash ?? null) !== (tip?.hash ?? null)) return { ...at, reason: 'prev_hash_mismatch' };
  const expected = hashEvent({ ...at, id: event.id, type: event.type, data: event.data, metadata });
  if (hash !== expected) return { ...at, reason: 'hash_mismatch' };
  return undefined;
}

/** Checks a stream read forwards from revision 0: revisions continuous, every hash and link intact. */
export function verifyChain(events: readonly RecordedEvent[]): ChainBreak | undefined {
  let tip: ChainTip | undefined;
  for (const event of events) {
    const broken = checkLink(tip, event);
    if (broken) return broken;
    tip = { revision: event.revision, hash: String(event.metadata.hash) };
  }
  return undefined;
}
