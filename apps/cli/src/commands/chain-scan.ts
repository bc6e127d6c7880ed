import type { EventStore, RecordedEvent } from '@leadger/event-store';
import {
  checkLink,
  LEAD_STREAM_PREFIX,
  OWNER_STREAM_PREFIX,
  SUSPECT_STREAM_PREFIX,
  type ChainBreak,
  type ChainTip,
} from '@leadger/lead-application';

/** A break in a stream's chain, said for an auditor: the event named is the first one that is wrong or gone. */
export interface Finding {
  readonly stream: string;
  /** The revision that is missing or altered. */
  readonly revision: string;
  readonly reason: ChainBreak['reason'];
  /** `$all` position of the event where the break was seen. */
  readonly position: string;
  readonly detail: string;
}

export interface ScanResult {
  readonly events: number;
  readonly streams: number;
  readonly findings: readonly Finding[];
  /** `$all` positions missing from a store that numbers events without gaps (SQLite): removed events. */
  readonly missingPositions: readonly string[];
}

const PAGE = 5000;

/**
 * Reads all of `$all` once, in pages, keeping only each lead stream's chain tip: every event must follow
 * its stream's last one (revision + 1, `prevHash` = its hash) and match its own hash. A stream is reported
 * once, at its first break. On SQLite, whose positions have no gaps, a missing position is reported too:
 * that also catches a removed last event of a stream, which its chain cannot show.
 */
export async function scanChains(
  store: EventStore,
  onPage: (position: bigint, events: number) => void,
): Promise<ScanResult> {
  const tips = new Map<string, ChainTip | null>();
  const findings: Finding[] = [];
  const missing: string[] = [];
  const gapFree = store.kind === 'sqlite';
  let after = 0n;
  let events = 0;
  for (;;) {
    const page = await store.readAll({ after, maxCount: PAGE });
    if (page.length === 0) break;
    for (const event of page) {
      if (gapFree && event.position !== after + 1n) missing.push(...range(after + 1n, event.position));
      after = event.position;
      // Leads' and anonymous visitors' streams are hash-chained alike.
      if (!chained(event.streamName)) continue;
      events++;
      const tip = tips.get(event.streamName);
      if (tip === null) continue; // already broken: later events cannot chain to it
      const broken = checkLink(tip, event);
      if (broken) {
        findings.push(finding(broken, tip, event));
        tips.set(event.streamName, null);
      } else {
        tips.set(event.streamName, { revision: event.revision, hash: String(event.metadata.hash) });
      }
    }
    onPage(after, events);
  }
  return { events, streams: tips.size, findings, missingPositions: missing };
}

/** Checks one stream. */
export function checkStream(events: readonly RecordedEvent[]): Finding | undefined {
  let tip: ChainTip | undefined;
  for (const event of events) {
    const broken = checkLink(tip, event);
    if (broken) return finding(broken, tip, event);
    tip = { revision: event.revision, hash: String(event.metadata.hash) };
  }
  return undefined;
}

function finding(broken: ChainBreak, tip: ChainTip | undefined, event: RecordedEvent): Finding {
  const at = { stream: broken.stream, reason: broken.reason, position: event.position.toString() };
  switch (broken.reason) {
    case 'revision_gap': {
      const missingRevision = tip ? tip.revision + 1n : 0n;
      const removed = event.revision > missingRevision;
      const lost = removed ? `revision ${missingRevision} is missing` : `revision ${event.revision} repeats`;
      return {
        ...at,
        revision: (removed ? missingRevision : event.revision).toString(),
        detail: `${lost}: the next stored event is revision ${event.revision}, so the log was altered`,
      };
    }
    case 'prev_hash_mismatch':
      return {
        ...at,
        revision: event.revision.toString(),
        detail:
          `prevHash does not match the hash of revision ${event.revision - 1n}: ` +
          'that event was replaced, or this link was altered',
      };
    case 'hash_mismatch':
      return {
        ...at,
        revision: event.revision.toString(),
        detail: 'its content does not match its hash: the event was altered after it was written',
      };
  }
}

/** Positions from `from` up to (not including) `to`; at most a few, with a count for the rest. */
function range(from: bigint, to: bigint): string[] {
  const count = to - from;
  if (count <= 3n) return Array.from({ length: Number(count) }, (_, i) => (from + BigInt(i)).toString());
  return [`${from}…${to - 1n} (${count} positions)`];
}

/** The streams written with a hash chain: leads, visitors and the owner roster. */
function chained(stream: string): boolean {
  return [LEAD_STREAM_PREFIX, SUSPECT_STREAM_PREFIX, OWNER_STREAM_PREFIX].some((prefix) =>
    stream.startsWith(prefix),
  );
}
