// What every benchmark section reports: a figure beside a baseline measured in the same run, as a ratio,
// and the target the issue set, where there is one. Nothing here is asserted; it is printed and saved.

export interface Figure {
  /**
   * The row's stable name for scripts reading bench/results.json, `section.what[.shape]`, e.g.
   * `http.capture.api-worker`; `name` is the same for a reader.
   */
  readonly id: string;
  /** What was measured, e.g. "commands/s, one command per lead". */
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** The baseline measured in the same run, and its own unit. */
  readonly baseline?: { readonly name: string; readonly value: number; readonly unit: string };
  /** value ÷ baseline value, when the two measure the same kind of thing; the inverse for a duration. */
  readonly ratio?: number;
  /** A duration: less is better, and `ratio` is baseline ÷ value, so that a greater ratio is always better. */
  readonly lowerIsBetter?: boolean;
  /** The target as text, e.g. "≥ 100000 events/s", and whether this run met it. */
  readonly target?: { readonly text: string; readonly met: boolean };
  /** Extra facts needed to read the figure (latency percentiles, sizes). */
  readonly notes?: string;
}

/**
 * `value` against `baseline`. The ratio reads "how much of the baseline's speed": value ÷ baseline for
 * rates, baseline ÷ value for durations (`lowerIsBetter`).
 */
export function compared(
  id: string,
  name: string,
  value: number,
  unit: string,
  baseline: { name: string; value: number; unit?: string },
  extra: {
    target?: Figure['target'];
    /** The target as a least ratio (0.6: at least 60 % of the baseline's rate, or at most 1/0.6 its time). */
    minRatio?: number;
    notes?: string;
    lowerIsBetter?: boolean;
  } = {},
): Figure {
  const { lowerIsBetter, minRatio, ...rest } = extra;
  const ratio = lowerIsBetter ? baseline.value / value : value / baseline.value;
  const target =
    minRatio === undefined
      ? rest.target
      : {
          text: lowerIsBetter
            ? `≤ ${percent(1 / minRatio)} of its time`
            : minRatio >= 1
              ? `≥ ${minRatio}× its rate`
              : `≥ ${percent(minRatio)} of its rate`,
          met: ratio >= minRatio,
        };
  return {
    id,
    name,
    value,
    unit,
    baseline: { ...baseline, unit: baseline.unit ?? unit },
    ratio: Number.isFinite(ratio) ? ratio : undefined,
    ...(lowerIsBetter ? { lowerIsBetter } : {}),
    ...rest,
    ...(target ? { target } : {}),
  };
}

const percent = (ratio: number): string => `${Math.round(ratio * 100)} %`;

const number = (value: number): string =>
  value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(value >= 10 ? 1 : 2);

/** A plain-text table, one figure per row. */
export function table(figures: readonly Figure[]): string {
  const rows = figures.map((f) => [
    f.name,
    `${number(f.value)} ${f.unit}`,
    f.baseline ? `${number(f.baseline.value)} ${f.baseline.unit} (${f.baseline.name})` : '—',
    f.ratio === undefined
      ? '—'
      : f.lowerIsBetter
        ? `${(100 / f.ratio).toFixed(1)} % of its time`
        : `${(f.ratio * 100).toFixed(1)} %`,
    f.target ? `${f.target.text} ${f.target.met ? 'met' : 'MISSED'}` : '—',
    f.notes ?? '',
  ]);
  const header = ['figure', 'value', 'baseline', 'ratio', 'target', 'notes'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
