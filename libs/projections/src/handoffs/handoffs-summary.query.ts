import type { ReadStore } from '@leadger/read-store';
import { rate } from '../figures';
import { readPosition } from '../queries/position';
import { byText } from '../queries/query-input';
import {
  HANDOFFS,
  handoffKeys,
  type HandoffEntry,
  type OwnerMetric,
  type SourceMetric,
} from './handoff-keys';

export interface OwnerSummary {
  readonly owner: string;
  /** Entries handed or reassigned to this owner. */
  readonly entries: number;
  readonly pending: number;
  readonly accepted: number;
  readonly rejected: number;
  /** Pending entries moved on to someone else. */
  readonly reassigned: number;
  /** Exact median from handoff to accept or reject, ms; null before any decision. */
  readonly medianTimeToDecisionMs: number | null;
  /** Entries closed after their SLA was due, plus pending ones past it now. */
  readonly breaches: number;
}

export interface SourceSummary {
  readonly source: string;
  readonly accepted: number;
  readonly rejected: number;
  /** rejected / (accepted + rejected); null before any decision. */
  readonly rejectionRate: number | null;
  /** Why sales rejected this source's leads: each reason with its count, most frequent first. */
  readonly rejectionReasons: readonly ReasonCount[];
}

export interface ReasonCount {
  readonly reason: string;
  readonly count: number;
}

export interface HandoffsSummaryAnswer {
  readonly position: string | null;
  readonly owners: readonly OwnerSummary[];
  readonly sources: readonly SourceSummary[];
}

/**
 * Per owner: pending, decisions, median time to decision and SLA breaches; per lead source: the rejection
 * rate and the reasons (the feedback that tells marketing which sources produce which rejections).
 */
export async function handoffsSummary(
  store: ReadStore,
  query: { readonly now?: Date } = {},
): Promise<HandoffsSummaryAnswer> {
  const now = (query.now ?? new Date()).getTime();
  const position = await readPosition(store, [HANDOFFS]);
  const [ownerCounts, sourceCounts, reasonCounts] = await store.hgetall([
    handoffKeys.owners,
    handoffKeys.sources,
    handoffKeys.rejectionReasons,
  ]);
  const byOwner = tally<OwnerMetric>(ownerCounts);
  const bySource = tally<SourceMetric>(sourceCounts);
  const reasonsBySource = tally<string>(reasonCounts);

  // Pending entries already past due count as breaches now; closed ones were counted when they closed.
  const overdue = await store.zpage(handoffKeys.pendingDue, { max: now - 1 });
  const overdueEntries = await store.hmget(
    overdue.map((e) => ({ key: handoffKeys.entries, field: e.member })),
  );
  const overdueByOwner = new Map<string, number>();
  for (const value of overdueEntries) {
    if (value === null) continue;
    const { to } = JSON.parse(value) as HandoffEntry;
    overdueByOwner.set(to, (overdueByOwner.get(to) ?? 0) + 1);
  }

  const owners = await Promise.all(
    [...byOwner.keys()].sort(byText).map(async (owner): Promise<OwnerSummary> => {
      const n = (metric: OwnerMetric) => byOwner.get(owner)?.get(metric) ?? 0;
      return {
        owner,
        entries: n('entries'),
        pending: n('pending'),
        accepted: n('accepted'),
        rejected: n('rejected'),
        reassigned: n('reassigned'),
        medianTimeToDecisionMs: await median(store, handoffKeys.decisionTimes(owner)),
        breaches: n('breaches') + (overdueByOwner.get(owner) ?? 0),
      };
    }),
  );
  const sources = [...bySource.keys()].sort(byText).map((source): SourceSummary => {
    const accepted = bySource.get(source)?.get('accepted') ?? 0;
    const rejected = bySource.get(source)?.get('rejected') ?? 0;
    const rejectionReasons = [...(reasonsBySource.get(source) ?? [])]
      .map(([reason, count]) => ({ reason, count }))
      .sort((a, b) => b.count - a.count || byText(a.reason, b.reason));
    return {
      source,
      accepted,
      rejected,
      rejectionRate: rate(rejected, accepted + rejected),
      rejectionReasons,
    };
  });
  return { position, owners, sources };
}

/** `[name, metric]` fields to name → metric → count. */
function tally<M extends string>(fields: Record<string, string>): Map<string, Map<M, number>> {
  const byName = new Map<string, Map<M, number>>();
  for (const [field, value] of Object.entries(fields)) {
    const [name, metric] = JSON.parse(field) as [string, M];
    let metrics = byName.get(name);
    if (!metrics) byName.set(name, (metrics = new Map()));
    metrics.set(metric, Number(value));
  }
  return byName;
}

/** The exact median of a sorted set's scores, read by rank: one or two entries, never the whole set. */
async function median(store: ReadStore, key: string): Promise<number | null> {
  const count = await store.zcard(key);
  if (count === 0) return null;
  const middle = await store.zrangeByRank(key, (count - 1) >> 1, count >> 1);
  return middle.reduce((sum, entry) => sum + entry.score, 0) / middle.length;
}
