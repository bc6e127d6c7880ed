import { dayNumber } from '../figures';
import { day, QueryInputError } from './query-input';

/** A period of UTC days, both ends inclusive and optional: does an epoch-ms time fall in it? */
export type Period = (at: number) => boolean;

export function period(query: { readonly from?: string; readonly to?: string }): Period {
  const from = day('from', query.from);
  const to = day('to', query.to);
  if (from && to && from > to) throw new QueryInputError('to', 'must not be before from');
  const start = from ? dayNumber(from) * 86_400_000 : -Infinity;
  const end = to ? (dayNumber(to) + 1) * 86_400_000 : Infinity;
  return (at) => at >= start && at < end;
}
