import { randomBytes } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { onConnection } from '@leadger/event-store';
import { LeadErasedError } from '../lead-vault';
import { open, seal } from '../sealed';
import { KEY_BYTES } from '../secrets';

/** The vault's tables the writes touch, schema-qualified and quoted. */
export interface VaultTables {
  readonly keys: string;
  readonly emails: string;
}

/** A write waiting for its group: an email claim (with its winner's key), or data keys to make. */
type Work =
  | { readonly kind: 'claim'; readonly emailIndex: string; readonly candidate: string }
  | { readonly kind: 'keys'; readonly leadIds: readonly string[] };

/** What one write comes to in a group: its answer, a refusal of its own, or another try in the next group. */
type Outcome =
  | { readonly ok: true; readonly value: string | Buffer[] }
  | { readonly ok: false; readonly refusal: LeadErasedError }
  | { readonly again: true };

interface Pending {
  readonly work: Work;
  resolve(value: string | Buffer[]): void;
  reject(error: unknown): void;
}

/** Most writes one transaction carries. */
const MAX_GROUP = 100;

/**
 * Group commit for one vault's writes, as the event store has for appends: the claims and new keys handed
 * in while a transaction is in flight go together in the next one, none answered before its commit, so one
 * WAL flush serves them all. A group is two statements whatever its size: the emails' claims, then the keys
 * of the claims that won and of the leads that asked for one, each inserted in sorted order, so two
 * processes' groups lock shared rows in one order and never deadlock. When a write is refused (its lead was
 * erased) or lost its answer to an erasure between the statements, the group rolls back, that write alone
 * hears its refusal, and the others go again in the next group: a refused write never leaves a claim or a
 * key behind, and never fails its neighbours. A tombstone is forever, so a refusal seen in a rolled-back
 * group stays true.
 */
export class VaultWrites {
  private pending: Pending[] = [];
  /** The loop writing groups, while there are any to write. */
  private flushing: Promise<void> | undefined;

  constructor(
    private readonly pool: Pool,
    private readonly table: VaultTables,
    private readonly wrappingKey: Buffer,
  ) {}

  /** Claims `emailIndex` for `candidate` unless a lead holds it; the lead it names, with its key made. */
  claim(emailIndex: string, candidate: string): Promise<string> {
    return this.run({ kind: 'claim', emailIndex, candidate }) as Promise<string>;
  }

  /** The leads' keys, made for those that have none; `LeadErasedError` names the first erased one. */
  keys(leadIds: readonly string[]): Promise<Buffer[]> {
    return this.run({ kind: 'keys', leadIds }) as Promise<Buffer[]>;
  }

  /** Settles once every write handed in so far is committed or refused. */
  async idle(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private run(work: Work): Promise<string | Buffer[]> {
    return new Promise((resolve, reject) => {
      this.pending.push({ work, resolve, reject });
      this.flushing ??= this.flush();
    });
  }

  /** Writes groups until none is pending; `flushing` is cleared in the same turn as the last check. */
  private async flush(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const group = this.pending.splice(0, MAX_GROUP);
        let outcomes: Outcome[];
        try {
          outcomes = await this.commit(group.map((item) => item.work));
        } catch (error) {
          for (const item of group) item.reject(error);
          continue;
        }
        const again: Pending[] = [];
        outcomes.forEach((outcome, i) => {
          if ('again' in outcome) again.push(group[i]);
          else if (outcome.ok) group[i].resolve(outcome.value);
          else group[i].reject(outcome.refusal);
        });
        this.pending.unshift(...again);
      }
    } finally {
      this.flushing = undefined;
    }
  }

  /** One group's transaction: committed when every write got its answer, else rolled back. */
  private commit(group: readonly Work[]): Promise<Outcome[]> {
    return onConnection(this.pool, async (client) => {
      await client.query('BEGIN');
      const outcomes = await this.writeGroup(client, group);
      const answered = (outcome: Outcome) => 'ok' in outcome && outcome.ok;
      const settled = outcomes.every(answered);
      await client.query(settled ? 'COMMIT' : 'ROLLBACK');
      // Rolled back: the answers given in it are void, so those writes go again.
      return settled ? outcomes : outcomes.map((outcome) => (answered(outcome) ? { again: true } : outcome));
    });
  }

  private async writeGroup(client: PoolClient, group: readonly Work[]): Promise<Outcome[]> {
    const claims = group.flatMap((work) => (work.kind === 'claim' ? [work] : []));
    const winners = await this.claimEmails(client, claims);
    const wanted = new Set(group.flatMap((work) => (work.kind === 'keys' ? work.leadIds : [])));
    for (const claim of claims)
      if (winners.get(claim.emailIndex) === claim.candidate) wanted.add(claim.candidate);
    const keys = await this.makeKeys(client, [...wanted]);
    return group.map((work): Outcome => {
      if (work.kind === 'keys') {
        const erased = work.leadIds.find((leadId) => !keys.get(leadId));
        if (erased !== undefined) return { ok: false, refusal: new LeadErasedError(erased) };
        return { ok: true, value: work.leadIds.map((leadId) => keys.get(leadId) as Buffer) };
      }
      const winner = winners.get(work.emailIndex);
      // The winner's claim was erased between the two statements: the email is free again, so try again.
      if (winner === undefined) return { again: true };
      if (winner === work.candidate && !keys.get(winner))
        return { ok: false, refusal: new LeadErasedError(winner) };
      return { ok: true, value: winner };
    });
  }

  /**
   * The lead each email names after claiming the free ones, the first candidate handed in for an email
   * standing for the group. A racing claim from any process waits on the primary key until ours commits
   * or rolls back, then inserts nothing; the read of what conflicted, a statement of its own, sees the winner.
   */
  private async claimEmails(
    client: PoolClient,
    claims: readonly { emailIndex: string; candidate: string }[],
  ): Promise<Map<string, string>> {
    const first = new Map<string, string>();
    for (const claim of claims)
      if (!first.has(claim.emailIndex)) first.set(claim.emailIndex, claim.candidate);
    if (first.size === 0) return new Map();
    const emails = [...first.keys()].sort();
    const { rows } = await client.query<{ email_index: string; lead_id: string }>(
      `INSERT INTO ${this.table.emails} (email_index, lead_id)
       SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT (email_index) DO NOTHING
       RETURNING email_index, lead_id`,
      [emails, emails.map((email) => first.get(email))],
    );
    const winners = new Map(rows.map((row) => [row.email_index, row.lead_id]));
    const taken = emails.filter((email) => !winners.has(email));
    if (taken.length > 0) {
      const held = await client.query<{ email_index: string; lead_id: string }>(
        `SELECT email_index, lead_id FROM ${this.table.emails} WHERE email_index = ANY($1::text[])`,
        [taken],
      );
      for (const row of held.rows) winners.set(row.email_index, row.lead_id);
    }
    return winners;
  }

  /**
   * The leads' keys, made for those without a row; null for an erased lead, whose row stays as a tombstone.
   * A key another process stores first wins: ours is dropped by ON CONFLICT, and the read of the rows that
   * conflicted, a statement of its own, sees theirs once it committed.
   */
  private async makeKeys(
    client: PoolClient,
    leadIds: readonly string[],
  ): Promise<Map<string, Buffer | null>> {
    if (leadIds.length === 0) return new Map();
    const sorted = [...leadIds].sort();
    const made = new Map(sorted.map((leadId) => [leadId, randomBytes(KEY_BYTES)]));
    const { rows } = await client.query<{ lead_id: string }>(
      `INSERT INTO ${this.table.keys} (lead_id, wrapped)
       SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT (lead_id) DO NOTHING
       RETURNING lead_id`,
      [sorted, sorted.map((leadId) => seal(this.wrappingKey, leadId, made.get(leadId) as Buffer))],
    );
    const keys = new Map<string, Buffer | null>(
      rows.map((row) => [row.lead_id, made.get(row.lead_id) as Buffer]),
    );
    const stored = sorted.filter((leadId) => !keys.has(leadId));
    if (stored.length > 0) {
      const held = await client.query<{ lead_id: string; wrapped: string | null }>(
        `SELECT lead_id, wrapped FROM ${this.table.keys} WHERE lead_id = ANY($1::text[])`,
        [stored],
      );
      for (const row of held.rows)
        keys.set(row.lead_id, row.wrapped ? open(this.wrappingKey, row.lead_id, row.wrapped) : null);
    }
    return keys;
  }
}
