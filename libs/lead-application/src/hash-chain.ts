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

/** Checks a stream read forwards from revision 0: revisions continuous, every hash and link intact. */
export function verifyChain(events: readonly RecordedEvent[]): ChainBreak | undefined {
  let prevHash: string | null = null;
  for (const [index, event] of events.entries()) {
    const at = { stream: event.streamName, revision: event.revision };
    if (event.revision !== BigInt(index)) return { ...at, reason: 'revision_gap' };
    const { hash, ...metadata } = event.metadata;
    if ((metadata.prevHash ?? null) !== prevHash) return { ...at, reason: 'prev_hash_mismatch' };
    const expected = hashEvent({ ...at, id: event.id, type: event.type, data: event.data, metadata });
    if (hash !== expected) return { ...at, reason: 'hash_mismatch' };
    prevHash = hash;
  }
  return undefined;
}
