import type { ZEntry } from '../read-store';

/** `[member, score, member, score…]` as Redis answers WITHSCORES. */
export function pairs(flat: readonly string[]): ZEntry[] {
  const entries: ZEntry[] = [];
  for (let i = 0; i < flat.length; i += 2) entries.push({ member: flat[i], score: Number(flat[i + 1]) });
  return entries;
}
