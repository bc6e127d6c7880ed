import type { EventStore, RecordedEvent } from '@leadger/event-store';
import {
  LEAD_STREAM_PREFIX,
  OWNER_STREAM_PREFIX,
  toLeadEvent,
  type CommandHandlerDeps,
} from '@leadger/lead-application';
import type { LeadCommand, OwnerEvent } from '@leadger/lead-domain';
import { holderAfter, mqlNeedsProfile, nextLook, reconcile, type Rules } from '@leadger/policies';
import { ChangeSet, type HeldLease, type ReadStore } from '@leadger/read-store';
import type { WorkerLogger } from '@leadger/subscriptions';
import { finishStitches } from './finish-stitches';
import { loadFreshLead, type FreshLead } from './fresh-lead';
import { dispatch, type EffectOutcome, type OutboxEntry } from './outbox';
import type { OwnerLedger } from './owner-ledger';
import { POLICIES, POLICIES_VERSION, policyKeys } from './policy-keys';

/** What a policy worker runs against, for one session under the policies' lease. */
export interface PolicyWorkerContext {
  readonly eventStore: EventStore;
  readonly readStore: ReadStore;
  readonly commands: CommandHandlerDeps;
  readonly rules: Rules;
  /** The rules' digest, stamped on every command a policy issues. */
  readonly digest: string;
  readonly clock: () => Date;
  readonly logger: WorkerLogger;
  readonly ledger: OwnerLedger;
  readonly storeId: string;
  readonly leases: () => readonly HeldLease[];
  readonly batchSize: number;
  readonly onEffect?: (entry: OutboxEntry, outcome: EffectOutcome) => void;
}

/** Why a lead is looked at: one of its events, or its timer. */
type Cause =
  | { readonly kind: 'event'; readonly event: RecordedEvent }
  | { readonly kind: 'timer'; readonly due: number };

/**
 * One step at a time, never two at once: a batch of events or the due timers. Each step folds what it read
 * into the owner ledger, decides on every lead it touched as the lead is now, and commits the ledger, the
 * timers and the decided effects (the outbox) with the checkpoint in one read-store transaction; only then
 * are the effects sent. A crash before the commit decides them again from the same events; after it, the
 * outbox sends them again under the same command ids, which the log answers without appending twice.
 */
export class PolicyWorker {
  private readonly withProfile: boolean;

  constructor(
    private readonly context: PolicyWorkerContext,
    public checkpoint: bigint | null,
  ) {
    this.withProfile = mqlNeedsProfile(context.rules);
  }

  /** Sends what an earlier session committed but may not have sent. */
  async resend(): Promise<number> {
    const [stored] = await this.context.readStore.hgetall([policyKeys.outbox]);
    const entries = Object.values(stored).map((doc) => JSON.parse(doc) as OutboxEntry);
    await this.send(entries);
    return entries.length;
  }

  async onEvents(events: readonly RecordedEvent[]): Promise<void> {
    if (events.length === 0) return;
    const { ledger, readStore } = this.context;
    const changes = new ChangeSet();
    const latest = new Map<string, RecordedEvent>();
    for (const event of events) if (isLeadEvent(event)) latest.set(leadIdOf(event), event);
    await ledger.readHolders(readStore, [...latest.keys()]);
    for (const event of events) this.fold(event, changes);
    const causes = [...latest.values()].map((event): [string, Cause] => [
      leadIdOf(event),
      { kind: 'event', event },
    ]);
    const outbox = await this.look(causes, changes);
    // Before the checkpoint moves past them: a crash here finishes them again, adding nothing twice.
    const stitched = await finishStitches(this.context.commands, events, this.context.digest);
    if (stitched > 0) this.context.logger.info('stitches finished', { stitched });
    await this.commit(changes, events[events.length - 1].position);
    await this.send(outbox);
  }

  /** Looks at the leads whose timers are due by the clock; returns how many (a full page: call again). */
  async onTimers(): Promise<number> {
    const { ledger, readStore, clock, batchSize } = this.context;
    const due = await readStore.zpage(policyKeys.due, { max: clock().getTime(), limit: batchSize });
    if (due.length === 0) return 0;
    const changes = new ChangeSet();
    await ledger.readHolders(
      readStore,
      due.map((timer) => timer.member),
    );
    const outbox = await this.look(
      due.map((timer): [string, Cause] => [timer.member, { kind: 'timer', due: timer.score }]),
      changes,
    );
    await this.commit(changes, null);
    await this.send(outbox);
    return due.length;
  }

  /** What the event changes in the roster and in who holds which lead. */
  private fold(event: RecordedEvent, changes: ChangeSet): void {
    const { ledger } = this.context;
    if (event.streamName.startsWith(OWNER_STREAM_PREFIX) && event.type === 'OwnerSet') {
      const { ownerId, ...profile } = event.data as OwnerEvent['data'];
      ledger.setOwner(ownerId, profile, changes);
      return;
    }
    if (!isLeadEvent(event)) return;
    const leadId = leadIdOf(event);
    const holder = holderAfter(toLeadEvent(event), ledger.holder(leadId));
    if (holder !== undefined) ledger.hold(leadId, holder, changes);
  }

  /** Reads each lead as it is now and decides on it, in the order given; returns the effects to send. */
  private async look(
    causes: readonly (readonly [string, Cause])[],
    changes: ChangeSet,
  ): Promise<OutboxEntry[]> {
    const { eventStore, commands } = this.context;
    const fresh = await Promise.all(
      causes.map(([leadId]) => loadFreshLead(eventStore, commands.personalData, leadId, this.withProfile)),
    );
    const outbox: OutboxEntry[] = [];
    causes.forEach(([leadId, cause], i) => {
      const entry = this.decide(leadId, cause, fresh[i], changes);
      if (entry) outbox.push(entry);
    });
    return outbox;
  }

  private decide(
    leadId: string,
    cause: Cause,
    fresh: FreshLead | null,
    changes: ChangeSet,
  ): OutboxEntry | null {
    const { rules, ledger, clock, digest } = this.context;
    if (!fresh) {
      changes.add({ op: 'zrem', key: policyKeys.due, member: leadId });
      return null;
    }
    // The lead moved on since this event: its newer event is still to come, and decides then.
    if (cause.kind === 'event' && fresh.revision !== cause.event.revision) return null;
    const now = clock();
    const effect = reconcile(fresh.lead, rules, ledger, now);
    const next = nextLook(fresh.lead, rules, now);
    changes.add(
      next === null
        ? { op: 'zrem', key: policyKeys.due, member: leadId }
        : { op: 'zadd', key: policyKeys.due, member: leadId, score: next },
    );
    if (!effect) return null;
    const heldBy = newHolder(effect.command);
    if (effect.rotated) ledger.rotate(effect.rotated.pool, effect.rotated.owner, changes);
    if (heldBy) ledger.hold(leadId, heldBy, changes);
    const causeEvent = cause.kind === 'event' ? cause.event : fresh.last;
    const entry: OutboxEntry = {
      commandId:
        cause.kind === 'event'
          ? `policy:${effect.policy}:${cause.event.id}`
          : `policy:${effect.policy}:${leadId}@${cause.due}`,
      command: effect.command,
      expectedRevision: String(fresh.revision),
      causationId: causeEvent.id,
      correlationId: String(causeEvent.metadata.correlationId ?? causeEvent.id),
      policy: { name: effect.policy, rule: effect.rule, digest },
      heldBy,
    };
    changes.add({ op: 'hset', key: policyKeys.outbox, field: entry.commandId, value: JSON.stringify(entry) });
    return entry;
  }

  private async commit(changes: ChangeSet, position: bigint | null): Promise<void> {
    const { readStore, storeId, leases } = this.context;
    const checkpoints =
      position === null
        ? []
        : [{ id: POLICIES, expected: this.checkpoint, position, version: POLICIES_VERSION, storeId }];
    if (changes.size === 0 && checkpoints.length === 0) return;
    await readStore.commit({ changes, checkpoints, leases: leases() });
    if (position !== null) this.checkpoint = position;
  }

  /** Sends the effects (each on its own lead, so at once), then clears them from the outbox. */
  private async send(entries: readonly OutboxEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const { commands, ledger, readStore, logger, onEffect } = this.context;
    const outcomes = await Promise.all(
      entries.map((entry) =>
        dispatch(commands, entry).catch((error: unknown) => {
          onEffect?.(entry, 'error');
          throw error;
        }),
      ),
    );
    const changes = new ChangeSet();
    const voided = entries.filter((_, i) => outcomes[i] === 'void');
    await ledger.readHolders(
      readStore,
      voided.map((entry) => entry.command.data.leadId),
    );
    for (const [i, entry] of entries.entries()) {
      changes.add({ op: 'hdel', key: policyKeys.outbox, field: entry.commandId });
      onEffect?.(entry, outcomes[i]);
      if (outcomes[i] === 'applied') continue;
      logger.debug('policy effect void: the lead moved on', {
        commandId: entry.commandId,
        command: entry.command.type,
      });
      const leadId = entry.command.data.leadId;
      if (entry.heldBy !== null && ledger.holder(leadId) === entry.heldBy) ledger.hold(leadId, null, changes);
    }
    await this.commit(changes, null);
  }
}

function isLeadEvent(event: RecordedEvent): boolean {
  return event.streamName.startsWith(LEAD_STREAM_PREFIX);
}

function leadIdOf(event: RecordedEvent): string {
  return event.streamName.slice(LEAD_STREAM_PREFIX.length);
}

/** The owner a handoff or reassignment gives the lead to, counted against them before its event arrives. */
function newHolder(command: LeadCommand): string | null {
  return command.type === 'HandOffLead' || command.type === 'ReassignLead' ? command.data.toOwner : null;
}
