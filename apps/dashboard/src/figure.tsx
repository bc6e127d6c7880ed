// Every number taken from the API is shown through Fig, which stamps its stable key and raw value so the
// browser tests can compare the page with the API's own answer.

type Raw = number | string | null;

const count = new Intl.NumberFormat('en');
const money = new Intl.NumberFormat('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export type Format = 'count' | 'money' | 'ratio' | 'ms' | 'text';

export function format(value: Raw, as: Format): string {
  if (value === null) return '—';
  if (typeof value === 'string') return value;
  switch (as) {
    case 'count':
      return count.format(value);
    case 'money':
      return money.format(value);
    case 'ratio':
      return `${(value * 100).toFixed(1)} %`;
    case 'ms':
      return duration(value);
    case 'text':
      return String(value);
  }
}

/** A duration in the largest unit that keeps it readable. */
function duration(ms: number): string {
  const abs = Math.abs(ms);
  const sign = ms < 0 ? '−' : '';
  if (abs < 60_000) return `${sign}${Math.round(abs / 1000)} s`;
  if (abs < 3_600_000) return `${sign}${Math.round(abs / 60_000)} min`;
  if (abs < 86_400_000) return `${sign}${(abs / 3_600_000).toFixed(1)} h`;
  return `${sign}${(abs / 86_400_000).toFixed(1)} d`;
}

export function Fig({ k, v, as = 'count' }: { k: string; v: Raw; as?: Format }) {
  return (
    <span class="fig" data-figure={k} data-value={v === null ? 'null' : String(v)}>
      {format(v, as)}
    </span>
  );
}
