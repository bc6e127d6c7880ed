/** A text table: a header row, a rule, then the rows; numbers (and cells marked right) align right. */
export function table(headers: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const text = rows.map((row) => row.map(cellText));
  const widths = headers.map((header, i) =>
    Math.max(header.length, ...text.map((row) => (row[i] ?? '').length)),
  );
  const right = headers.map(
    (_, i) =>
      rows.some((row) => !isBlank(row[i])) && rows.every((row) => isBlank(row[i]) || isNumeric(row[i])),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (right[i] ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...text.map(line)].join('\n');
}

export type Cell = string | number | null | undefined;

function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return '–';
  return typeof cell === 'number' ? formatNumber(cell) : cell;
}

function isBlank(cell: Cell): boolean {
  return cell === null || cell === undefined || cell === '' || cell === '–';
}

function isNumeric(cell: Cell): boolean {
  return typeof cell === 'number' || /^-?[\d.,]+%?$/.test(cell ?? '');
}

/** 1234567.5 → "1,234,567.5": grouping for the eye, at most two decimals. */
export function formatNumber(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

/** 0.4567 → "45.7%", null → "–". */
export function percent(share: number | null): string {
  return share === null ? '–' : `${(share * 100).toFixed(1)}%`;
}

/** A duration in ms as the largest two units: "3d 4h", "5h 12m", "42s". */
export function duration(ms: number | null): string {
  if (ms === null) return '–';
  const units: [string, number][] = [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
  ];
  const parts: string[] = [];
  let rest = Math.round(ms);
  for (const [unit, size] of units) {
    if (rest >= size || (parts.length === 0 && unit === 's')) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
    if (parts.length === 2) break;
  }
  return parts.join(' ');
}

/** Events per second of a job, for summaries. */
export function rate(count: number, ms: number): string {
  return ms > 0 ? `${formatNumber(Math.round((count * 1000) / ms))}/s` : '–';
}
