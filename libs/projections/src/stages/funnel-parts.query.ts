import { leadOrigins, type FunnelPart, type FunnelPartStage, type LeadOrigin } from '@leadger/lead-domain';
import type { ReadStore } from '@leadger/read-store';
import { rate, spread, type Spread } from '../figures';
import { readPosition } from '../queries/position';
import { oneOf } from '../queries/query-input';
import { STAGES, type JourneyStage, type Stay } from './stages-keys';
import { period, type Period } from '../queries/period';
import { anonymousVisitors, timelines } from './timelines';

export interface FunnelPartsQuery {
  /** First UTC day of the period, inclusive. Default: the earliest. */
  readonly from?: string;
  /** Last UTC day of the period, inclusive. Default: the latest. */
  readonly to?: string;
  /** Only leads marketing found, or those sales found (visitors not yet identified are marketing's). */
  readonly origin?: LeadOrigin;
}

export interface PartFigures extends FunnelPart {
  /** Leads in the part now (at the moment replayed to, with `asOf`). */
  readonly now: number;
  /** Entries into the part (from outside it) in the period. */
  readonly entered: number;
  /** Of those entries, how many went on to a later part (by now). */
  readonly movedOn: number;
  /** movedOn / entered; null when nothing entered. The last part has none after it: null. */
  readonly conversionToNext: number | null;
  /** How long the spells in the part that ended in the period lasted (a lead leaving and coming back has two). */
  readonly time: Spread;
}

export interface FunnelPartsAnswer {
  readonly position: string | null;
  readonly parts: readonly PartFigures[];
}

/** A lead's uninterrupted time in one part: from its first stay there to the end of its last. */
interface Spell {
  readonly part: number;
  readonly from: number;
  readonly to: number | null;
}

/**
 * The funnel as its parts (ToFu, MoFu, BoFu, customers by default; the rules file may map them otherwise),
 * each with the team that owns it: how many leads are in each now, how many entered in the period, how many
 * of those moved on to a later part, and how long a spell in each lasts (median, p90). A lead belongs to
 * parts strictly by its current stage.
 */
export async function funnelParts(
  store: ReadStore,
  parts: readonly FunnelPart[],
  query: FunnelPartsQuery = {},
): Promise<FunnelPartsAnswer> {
  oneOf('origin', query.origin, leadOrigins);
  const within = period(query);
  const position = await readPosition(store, [STAGES]);
  const partOf = partIndex(parts);
  const tallies = parts.map(() => ({ now: 0, entered: 0, movedOn: 0, times: [] as number[] }));
  for (const lead of await timelines(store)) {
    if (query.origin !== undefined && (lead.origin ?? 'marketing') !== query.origin) continue;
    const spells = spellsOf(lead.stays, partOf);
    spells.forEach((spell, i) => tally(tallies[spell.part], spell, spells.slice(i + 1), within));
  }
  // Visitors still anonymous are in the part that holds suspects: there now, entered at their first touch.
  const suspects = partOf('suspect');
  if (suspects >= 0 && query.origin !== 'sales') {
    for (const { firstTouchMs, count } of await anonymousVisitors(store)) {
      tallies[suspects].now += count;
      if (within(firstTouchMs)) tallies[suspects].entered += count;
    }
  }
  return {
    position,
    parts: parts.map((part, i) => {
      const { now, entered, movedOn, times } = tallies[i];
      const last = i === parts.length - 1;
      return {
        ...part,
        now,
        entered,
        movedOn,
        conversionToNext: last ? null : rate(movedOn, entered),
        time: spread(times),
      };
    }),
  };
}

function tally(
  into: { now: number; entered: number; movedOn: number; times: number[] },
  spell: Spell,
  later: readonly Spell[],
  within: Period,
): void {
  if (spell.to === null) into.now++;
  else if (within(spell.to)) into.times.push(spell.to - spell.from);
  if (!within(spell.from)) return;
  into.entered++;
  if (later.some((next) => next.part > spell.part)) into.movedOn++;
}

/** The lead's stays as spells in parts: consecutive stays in one part merge; stays in no part end a spell. */
function spellsOf(stays: readonly Stay[], partOf: (stage: JourneyStage) => number): Spell[] {
  const spells: Spell[] = [];
  let open: { part: number; from: number } | null = null;
  for (const [stage, entered, left] of stays) {
    const part = partOf(stage);
    if (open && open.part !== part) {
      spells.push({ ...open, to: entered });
      open = null;
    }
    if (part >= 0 && !open) open = { part, from: entered };
    if (left === null && open) spells.push({ ...open, to: null });
  }
  return spells;
}

/** Each stage's part (its index in `parts`), -1 for a stage in none; `sql` names every opportunity stage. */
function partIndex(parts: readonly FunnelPart[]): (stage: JourneyStage) => number {
  const index = new Map<string, number>();
  const expand = (stage: FunnelPartStage): string[] =>
    stage === 'sql' ? ['prospecting', 'evaluation', 'commitment'] : [stage];
  parts.forEach((part, i) => part.stages.flatMap(expand).forEach((stage) => index.set(stage, i)));
  return (stage) => index.get(stage) ?? -1;
}
