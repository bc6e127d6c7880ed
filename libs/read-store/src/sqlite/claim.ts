import type { ClaimOptions, Claimed } from '../read-store';
import type { ReadModelStatements } from './statements';

/** Due items looked at per query while skipping ones that are claimed. */
const SCAN_PAGE = 100;

/**
 * The body of a claim; the caller runs it in a `BEGIN IMMEDIATE` transaction, so two consumers (in this
 * process or another) can never both see an item as free. Ended claims are cleared first, then due items
 * are taken oldest first, passing over those a live claim holds.
 */
export function claimDue(sql: ReadModelStatements, options: ClaimOptions): Claimed[] {
  const { queue, dueKey, consumer, limit, leaseMs, now } = options;
  sql.expireClaims.run(queue, now);
  const claimed: Claimed[] = [];
  const until = now + leaseMs;
  for (let offset = 0; claimed.length < limit; offset += SCAN_PAGE) {
    const due = sql.due.all(dueKey, now, SCAN_PAGE, offset);
    for (const { member, score } of due) {
      if (sql.isClaimed.get(queue, member)) continue;
      sql.putClaim.run(queue, member, consumer, until);
      claimed.push({ member, score, until });
      if (claimed.length === limit) break;
    }
    if (due.length < SCAN_PAGE) break;
  }
  return claimed;
}
