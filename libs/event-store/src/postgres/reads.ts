import type { Pool } from 'pg';
import type {
  AllFilter,
  JsonObject,
  ReadAllOptions,
  ReadStreamOptions,
  ReadStreamResult,
  RecordedEvent,
} from '../event-store';
import { prefixUpperBound } from '../sqlite/filter';
import type { Tables } from './schema';

/** An `events` row as node-postgres returns it: bigints as text, json parsed, timestamptz as a Date. */
interface EventRow {
  readonly position: string;
  readonly stream: string;
  readonly revision: string;
  readonly event_id: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
  readonly created: Date;
}

const COLUMNS = 'position, stream, revision, event_id, type, data, created';
/** The largest bigint: "from the last event" for backwards reads. */
const MAX_INT64 = 2n ** 63n - 1n;

/** `limit` as SQL takes it: `LIMIT NULL` is no limit. */
export type Limit = number | null;

export async function readStream(
  pool: Pool,
  t: Tables,
  stream: string,
  options: ReadStreamOptions,
  limit: Limit,
): Promise<ReadStreamResult> {
  const backwards = options.direction === 'backwards';
  const from = options.fromRevision ?? (backwards ? MAX_INT64 : 0n);
  const { rows } = await pool.query<EventRow>(
    backwards
      ? `SELECT ${COLUMNS}, metadata FROM ${t.events}
          WHERE stream = $1 AND revision <= $2 ORDER BY revision DESC LIMIT $3`
      : `SELECT ${COLUMNS}, metadata FROM ${t.events}
          WHERE stream = $1 AND revision >= $2 ORDER BY revision LIMIT $3`,
    [stream, String(from), limit],
  );
  if (rows.length > 0) return { found: true, events: rows.map(toRecordedEvent) };
  // A stream starts at revision 0 and no event is ever removed: a read that covers revision 0 and finds
  // nothing is a stream that does not exist (a capture's first read), without asking again.
  if (limit !== 0 && (backwards ? from >= 0n : from <= 0n)) return { found: false };
  // No rows can still be an existing stream read past its end (or with maxCount 0).
  const exists = await pool.query(`SELECT 1 FROM ${t.events} WHERE stream = $1 LIMIT 1`, [stream]);
  return exists.rows.length > 0 ? { found: true, events: [] } : { found: false };
}

export type AllReadOptions = Pick<ReadAllOptions, 'filter' | 'metadataFields' | 'occurredBefore' | 'types'>;

/**
 * Events with `after < position <= upTo` that pass the filter (and happened before `occurredBefore`, and
 * are of one of `types`), in `$all` order, at most `limit`. With `metadataFields`, PostgreSQL picks those
 * fields out of the metadata, so the rest is never sent. Every condition is SQL: events left out are
 * never sent, let alone decoded.
 */
export async function readAll(
  pool: Pool,
  t: Tables,
  after: bigint,
  upTo: bigint | undefined,
  options: AllReadOptions,
  limit: Limit,
): Promise<RecordedEvent[]> {
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const conditions = [`position > ${param(String(after))}`];
  if (upTo !== undefined) conditions.push(`position <= ${param(String(upTo))}`);
  const filter = filterCondition(options.filter, param);
  if (filter) conditions.push(filter);
  if (options.occurredBefore) conditions.push(`occurred_ms < ${param(options.occurredBefore.getTime())}`);
  if (options.types) conditions.push(`type = ANY(${param(options.types)}::text[])`);
  const metadata = options.metadataFields
    ? `json_build_object(${options.metadataFields.map((field) => `${param(field)}::text, metadata -> ${param(field)}`).join(', ')}) AS metadata`
    : 'metadata';
  const { rows } = await pool.query<EventRow>(
    `SELECT ${COLUMNS}, ${metadata} FROM ${t.events}
      WHERE ${conditions.join(' AND ')} ORDER BY position LIMIT ${param(limit)}`,
    params,
  );
  return rows.map(toRecordedEvent);
}

/**
 * The condition for an `$all` filter; an empty list of prefixes or types matches nothing. `stream` is in
 * the C collation, so `stream >= prefix AND stream < prefixUpperBound(prefix)` is exactly "starts with",
 * a range on the (stream, revision) index, with no wildcard characters (see `prefixUpperBound`).
 */
function filterCondition(
  filter: AllFilter | undefined,
  param: (value: unknown) => string,
): string | undefined {
  if (!filter) return undefined;
  if ('eventTypes' in filter) return `type = ANY(${param(filter.eventTypes)}::text[])`;
  if (filter.streamNamePrefixes.length === 0) return 'false';
  const terms = filter.streamNamePrefixes.map((prefix) => {
    const bound = prefixUpperBound(prefix);
    return bound === undefined
      ? `stream >= ${param(prefix)}`
      : `(stream >= ${param(prefix)} AND stream < ${param(bound)})`;
  });
  return `(${terms.join(' OR ')})`;
}

export async function headPosition(pool: Pool, t: Tables): Promise<bigint> {
  const { rows } = await pool.query<{ last_position: string }>(`SELECT last_position FROM ${t.positions}`);
  return BigInt(rows[0].last_position);
}

function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.event_id,
    streamName: row.stream,
    type: row.type,
    revision: BigInt(row.revision),
    position: BigInt(row.position),
    data: row.data,
    metadata: row.metadata,
    created: row.created,
  };
}
