import type Database from 'better-sqlite3';
import type { JsonObject, ReadAllOptions, RecordedEvent } from '../event-store';
import { filterClause } from './filter';
import { STORE_ID_KEY } from './schema';

/** An `events` row as better-sqlite3 returns it with safe integers on. */
export interface EventRow {
  readonly position: bigint;
  readonly stream: string;
  readonly revision: bigint;
  readonly event_id: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
  readonly created: bigint;
}

export interface InsertRow {
  readonly stream: string;
  readonly revision: bigint;
  readonly eventId: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
  readonly created: number;
  readonly occurredMs: number;
}

const LEAN_COLUMNS = 'position, stream, revision, event_id, type, data, created';

/** `json_object('f', json_extract(metadata, '$."f"'), …) AS metadata`: a small document of just those fields. */
function leanMetadata(fields: readonly string[]): string {
  const pairs = fields.map((field) => {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(field)) throw new RangeError(`not a metadata field name: ${field}`);
    return `'${field}', json_extract(metadata, '$.${field}')`;
  });
  return `json_object(${pairs.join(', ')}) AS metadata`;
}

/** SQLite reads `LIMIT -1` as no limit. */
export const NO_LIMIT = -1;
const COLUMNS = 'position, stream, revision, event_id, type, data, metadata, created';

/** Every statement the store runs, prepared once per connection. */
export class Statements {
  readonly lastOfStream: Database.Statement<[string], { revision: bigint; position: bigint }>;
  readonly revisionOfId: Database.Statement<[string, string], { revision: bigint }>;
  readonly idsFrom: Database.Statement<[string, bigint, number], { event_id: string; position: bigint }>;
  readonly insert: Database.Statement<[InsertRow]>;
  readonly forwards: Database.Statement<[string, bigint, number], EventRow>;
  readonly backwards: Database.Statement<[string, bigint, number], EventRow>;
  readonly head: Database.Statement<[], { head: bigint | null }>;
  readonly ping: Database.Statement<[], { ok: bigint }>;
  readonly storeId: Database.Statement<[], { value: string }>;
  /** Some row still lacks `occurred_ms` (see `fillOccurredMs`). */
  readonly unfilled: Database.Statement<[], { position: bigint }>;
  /** Filtered `$all` reads, one per filter shape (kind and number of terms). */
  private readonly allReads = new Map<string, Database.Statement<unknown[], EventRow>>();

  constructor(private readonly db: Database.Database) {
    this.lastOfStream = db.prepare(
      'SELECT revision, position FROM events WHERE stream = ? ORDER BY revision DESC LIMIT 1',
    );
    this.revisionOfId = db.prepare('SELECT revision FROM events WHERE stream = ? AND event_id = ?');
    this.idsFrom = db.prepare(
      'SELECT event_id, position FROM events WHERE stream = ? AND revision >= ? ORDER BY revision LIMIT ?',
    );
    this.insert = db.prepare(
      `INSERT INTO events (stream, revision, event_id, type, data, metadata, created, occurred_ms)
       VALUES (@stream, @revision, @eventId, @type, @data, @metadata, @created, @occurredMs)`,
    );
    this.forwards = db.prepare(
      `SELECT ${COLUMNS} FROM events WHERE stream = ? AND revision >= ? ORDER BY revision LIMIT ?`,
    );
    this.backwards = db.prepare(
      `SELECT ${COLUMNS} FROM events WHERE stream = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
    );
    this.head = db.prepare('SELECT max(position) AS head FROM events');
    this.ping = db.prepare('SELECT 1 AS ok');
    this.storeId = db.prepare(`SELECT value FROM meta WHERE key = '${STORE_ID_KEY}'`);
    this.unfilled = db.prepare('SELECT position FROM events WHERE occurred_ms IS NULL LIMIT 1');
  }

  /**
   * Events with `after < position <= upTo` that pass the filter (and happened before `occurredBefore`, and
   * are of one of `types`), in `$all` order; with `metadataFields`, SQLite picks those fields out of the
   * metadata, so the rest (hashes, ids) is never copied into JS. Events left out by the bound or the types
   * are passed over in SQL, never decoded.
   */
  readAll(
    after: bigint,
    upTo: bigint,
    options: Pick<ReadAllOptions, 'filter' | 'metadataFields' | 'occurredBefore' | 'types'>,
    limit: number,
  ): EventRow[] {
    const { filter, metadataFields, occurredBefore, types } = options;
    const clause = filterClause(filter);
    const columns = metadataFields ? `${LEAN_COLUMNS}, ${leanMetadata(metadataFields)}` : COLUMNS;
    const params: unknown[] = [after, upTo, ...clause.params];
    let sql = `SELECT ${columns} FROM events WHERE position > ? AND position <= ?${clause.sql ? ` AND (${clause.sql})` : ''}`;
    // Unary `+`: these narrow the rows of the position range, they never pick an index to walk (the type
    // index would hand rows over out of position order, to be sorted before each page).
    if (occurredBefore) {
      sql += ' AND +occurred_ms < ?';
      params.push(occurredBefore.getTime());
    }
    if (types) {
      sql += types.length === 0 ? ' AND 0' : ` AND +type IN (${types.map(() => '?').join(', ')})`;
      params.push(...types);
    }
    sql += ' ORDER BY position LIMIT ?';
    let statement = this.allReads.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.allReads.set(sql, statement);
    }
    return statement.all(...params, limit);
  }
}

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.event_id,
    streamName: row.stream,
    type: row.type,
    revision: BigInt(row.revision),
    position: BigInt(row.position),
    data: JSON.parse(row.data) as JsonObject,
    metadata: JSON.parse(row.metadata) as JsonObject,
    created: new Date(Number(row.created)),
  };
}
