import type { OwnerProfile } from '@leadger/lead-domain';
import type { OwnerBook } from '@leadger/policies';
import type { ChangeSet, ReadStore } from '@leadger/read-store';
import { policyKeys } from './policy-keys';

/**
 * The owner book in memory while this worker holds the policies' lease: loaded once per session, changed
 * only here, and every change also written to the batch's change set, so what is committed and what is in
 * memory stay one. Holders are per lead and many, so they are read per batch.
 */
export class OwnerLedger implements OwnerBook {
  private readonly holders = new Map<string, string | null>();

  private constructor(
    readonly roster: Map<string, OwnerProfile>,
    private readonly loads: Map<string, number>,
    private readonly rotations: Map<string, string>,
  ) {}

  static async load(store: ReadStore): Promise<OwnerLedger> {
    const [roster, loads, rotations] = await store.hgetall([
      policyKeys.roster,
      policyKeys.load,
      policyKeys.rotation,
    ]);
    return new OwnerLedger(
      new Map(Object.entries(roster).map(([id, doc]) => [id, JSON.parse(doc) as OwnerProfile])),
      new Map(Object.entries(loads).map(([id, count]) => [id, Number(count)])),
      new Map(Object.entries(rotations)),
    );
  }

  load(ownerId: string): number {
    return this.loads.get(ownerId) ?? 0;
  }

  lastRouted(pool: string): string | null {
    return this.rotations.get(pool) ?? null;
  }

  /** Reads who holds each of these leads, for the batch about to change them. */
  async readHolders(store: ReadStore, leadIds: readonly string[]): Promise<void> {
    this.holders.clear();
    const values = await store.hmget(leadIds.map((field) => ({ key: policyKeys.holder, field })));
    leadIds.forEach((leadId, i) => this.holders.set(leadId, values[i]));
  }

  holder(leadId: string): string | null {
    const holder = this.holders.get(leadId);
    if (holder === undefined) throw new Error(`holder of ${leadId} was not read for this batch`);
    return holder;
  }

  setOwner(ownerId: string, profile: OwnerProfile, changes: ChangeSet): void {
    this.roster.set(ownerId, profile);
    changes.add({ op: 'hsetdoc', key: policyKeys.roster, field: ownerId, doc: { ...profile } });
  }

  /** The lead is now held by `owner` (null: by nobody); loads move with it. */
  hold(leadId: string, owner: string | null, changes: ChangeSet): void {
    const before = this.holder(leadId);
    if (before === owner) return;
    if (before !== null) this.count(before, -1, changes);
    if (owner !== null) this.count(owner, 1, changes);
    this.holders.set(leadId, owner);
    changes.add(
      owner === null
        ? { op: 'hdel', key: policyKeys.holder, field: leadId }
        : { op: 'hset', key: policyKeys.holder, field: leadId, value: owner },
    );
  }

  rotate(pool: string, owner: string, changes: ChangeSet): void {
    this.rotations.set(pool, owner);
    changes.add({ op: 'hset', key: policyKeys.rotation, field: pool, value: owner });
  }

  private count(ownerId: string, by: number, changes: ChangeSet): void {
    this.loads.set(ownerId, this.load(ownerId) + by);
    changes.add({ op: 'hincr', key: policyKeys.load, field: ownerId, by });
  }
}
