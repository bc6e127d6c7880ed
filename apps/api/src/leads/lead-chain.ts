import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { EventStore } from '@leadger/event-store';
import { LeadNotFoundError, loadLead, verifyChain } from '@leadger/lead-application';
import type { Caller } from '../auth/caller';
import { leadSight } from '../auth/lead-access';
import { EVENT_STORE } from '../event-store/event-store.module';

/** Why a link of the chain does not hold, in an auditor's words. */
const explained = {
  revision_gap: 'an event is missing before this revision',
  prev_hash_mismatch:
    "this event does not name the previous event's hash: one before it was altered or removed",
  hash_mismatch: 'this event does not match its own hash: it was altered',
} as const;

export interface ChainBreakView {
  readonly revision: string;
  readonly reason: keyof typeof explained;
  readonly detail: string;
}

export interface LeadChainView {
  readonly leadId: string;
  /** Events checked: the whole stream. */
  readonly events: number;
  readonly verified: boolean;
  /** The first break (none when verified): what follows it cannot be trusted either. */
  readonly breaks: readonly ChainBreakView[];
  /** The hash of the stream's last event: what a later check must find again. */
  readonly lastHash: string | null;
}

export class VerifyLeadChain extends Query<LeadChainView> {
  constructor(
    readonly leadId: string,
    readonly caller: Caller,
  ) {
    super();
  }
}

/**
 * Checks one lead's hash chain as an auditor would from the log: every revision present, each event naming
 * its predecessor's hash and matching its own. Erasure keeps the chain: sealed values become unreadable,
 * never rewritten.
 */
@QueryHandler(VerifyLeadChain)
export class VerifyLeadChainHandler implements IQueryHandler<VerifyLeadChain, LeadChainView> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ leadId, caller }: VerifyLeadChain): Promise<LeadChainView> {
    const lead = await loadLead(this.store, leadId);
    if (lead.revision === 'no_stream') throw new LeadNotFoundError(leadId);
    leadSight(caller, lead.state, lead.events);
    const broken = verifyChain(lead.events);
    const last = lead.events.at(-1);
    return {
      leadId,
      events: lead.events.length,
      verified: broken === undefined,
      breaks: broken
        ? [{ revision: broken.revision.toString(), reason: broken.reason, detail: explained[broken.reason] }]
        : [],
      lastHash: last ? String(last.metadata.hash ?? '') || null : null,
    };
  }
}
