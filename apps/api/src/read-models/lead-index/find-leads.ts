import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { EventStore } from '@leadger/event-store';
import { rolesFor } from '@leadger/identity';
import { loadLead, type LeadIdentity } from '@leadger/lead-application';
import {
  LEAD_INDEX,
  leadIndex,
  type LeadIndexAnswer,
  type LeadIndexItem,
  type LeadIndexQuery,
} from '@leadger/projections';
import type { Caller } from '../../auth/caller';
import { ForbiddenError } from '../../auth/forbidden';
import { LEAD_IDENTITY } from '../../auth/identity.module';
import { EVENT_STORE } from '../../event-store/event-store.module';
import { ReadModels } from '../read-models';
import type { FindLeadsQueryDto } from './find-leads-query.dto';

export class FindLeads extends Query<LeadIndexAnswer> {
  constructor(
    readonly query: FindLeadsQueryDto,
    readonly caller: Caller,
  ) {
    super();
  }
}

/**
 * Finds leads in the lead index, as far as the caller reaches: `any` and `masked` every lead (the answer
 * holds no personal field to mask), `own` the leads handed or owned to the principal, `touched` only by
 * email, the lead it finds shown when the principal issued one of its events.
 */
@QueryHandler(FindLeads)
export class FindLeadsHandler implements IQueryHandler<FindLeads, LeadIndexAnswer> {
  constructor(
    private readonly readModels: ReadModels,
    @Inject(LEAD_IDENTITY) private readonly identity: LeadIdentity,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ query: { after, email, ...filters }, caller }: FindLeads): Promise<LeadIndexAnswer> {
    const { principal, scopes, operation } = caller;
    const every = scopes.includes('any') || scopes.includes('masked');
    if (!every && !scopes.includes('own') && email === undefined)
      throw new ForbiddenError(
        operation,
        rolesFor(operation),
        `${operation}: ${principal.id} may only look up the leads it touched, by email`,
      );
    // The plaintext address goes no further than the blind index: only its lead id reaches the read model.
    const leadId = email === undefined ? undefined : await this.identity.directory.find(email);
    const query: LeadIndexQuery =
      every || email !== undefined ? { ...filters, leadId } : ownLeads(filters, principal.id);
    const answer = await this.readModels.read([LEAD_INDEX], after, (store) => leadIndex(store, query));
    if (every || email === undefined) return answer;
    const items: LeadIndexItem[] = [];
    for (const item of answer.items) if (await this.sees(caller, item)) items.push(item);
    return { ...answer, items };
  }

  /** Whether a caller who does not reach every lead may see this one, found by its email. */
  private async sees({ principal, scopes }: Caller, item: LeadIndexItem): Promise<boolean> {
    if (scopes.includes('own') && item.owner === principal.id) return true;
    if (!scopes.includes('touched')) return false;
    const lead = await loadLead(this.store, item.leadId);
    return lead.events.some((event) => event.metadata.actor === principal.id);
  }
}

/** A sales rep's view: its own leads; asking for another owner's finds none (`leadId: null`). */
function ownLeads(filters: LeadIndexQuery, principalId: string): LeadIndexQuery {
  const other = filters.owner !== undefined && filters.owner !== principalId;
  return { ...filters, owner: principalId, ...(other ? { leadId: null } : {}) };
}
