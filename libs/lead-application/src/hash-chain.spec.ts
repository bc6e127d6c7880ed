import type { JsonObject, RecordedEvent } from '@leadger/event-store';
import { hashEvent, verifyChain } from './hash-chain';

const stream = 'lead-1';

function chain(count: number): RecordedEvent[] {
  const events: RecordedEvent[] = [];
  let prevHash: string | null = null;
  for (let i = 0; i < count; i++) {
    const revision = BigInt(i);
    const base = { id: `id-${i}`, type: 'EngagementRecorded', data: { n: i, note: 'ünïcode ✓' } };
    const metadata: JsonObject = { actor: 'ann', occurredAt: '2026-01-01T00:00:00.000Z', prevHash };
    const hash = hashEvent({ stream, revision, ...base, metadata });
    events.push({
      ...base,
      streamName: stream,
      revision,
      position: revision + 1n,
      metadata: { ...metadata, hash },
      created: new Date(0),
    });
    prevHash = hash;
  }
  return events;
}

describe('hash chain', () => {
  it('accepts an untouched stream', () => {
    expect(verifyChain(chain(5))).toBeUndefined();
  });

  it('does not depend on the order of object keys', () => {
    const [first] = chain(1);
    const { hash, ...metadata } = first.metadata;
    const reordered = Object.fromEntries(Object.entries(metadata).reverse());
    expect(
      hashEvent({
        stream,
        revision: 0n,
        id: first.id,
        type: first.type,
        data: first.data,
        metadata: reordered,
      }),
    ).toBe(hash);
  });

  it('names the edited event when data is altered', () => {
    const events = chain(5);
    events[2] = { ...events[2], data: { n: 99 } };
    expect(verifyChain(events)).toEqual({ stream, revision: 2n, reason: 'hash_mismatch' });
  });

  it('names the edited event when metadata is altered', () => {
    const events = chain(5);
    events[3] = { ...events[3], metadata: { ...events[3].metadata, actor: 'mallory' } };
    expect(verifyChain(events)).toEqual({ stream, revision: 3n, reason: 'hash_mismatch' });
  });

  it('names the gap when an event is deleted', () => {
    const events = chain(5);
    events.splice(1, 1);
    expect(verifyChain(events)).toEqual({ stream, revision: 2n, reason: 'revision_gap' });
  });

  it('names the broken link when an event is replaced by a re-hashed forgery', () => {
    const events = chain(3);
    const forged = { ...events[1], data: { n: 42 } };
    const { hash: _old, ...metadata } = forged.metadata;
    const rehashed = {
      ...forged,
      metadata: {
        ...metadata,
        hash: hashEvent({
          stream,
          revision: 1n,
          id: forged.id,
          type: forged.type,
          data: forged.data,
          metadata,
        }),
      },
    };
    expect(verifyChain([events[0], rehashed, events[2]])).toEqual({
      stream,
      revision: 2n,
      reason: 'prev_hash_mismatch',
    });
  });
});
