import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { EventStore } from '@leadger/event-store';
import { loadOwner, OwnerRoster, profileOf } from '@leadger/lead-application';
import { EVENT_STORE } from '../event-store/event-store.module';
import { OwnerNotFoundError } from './owner-not-found';
import { rosterOwnerView, type RosterOwnerView, type RosterPageView } from './owner.view';
import { RosterLoads } from './roster-loads';

export class GetOwner extends Query<RosterOwnerView> {
  constructor(readonly ownerId: string) {
    super();
  }
}

export class ListOwners extends Query<RosterPageView> {
  constructor(
    readonly cursor: string | undefined,
    readonly limit: number,
  ) {
    super();
  }
}

/** One owner, read from their own stream: the answer holds every change made before it. */
@QueryHandler(GetOwner)
export class GetOwnerHandler implements IQueryHandler<GetOwner, RosterOwnerView> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly loads: RosterLoads,
  ) {}

  async execute({ ownerId }: GetOwner): Promise<RosterOwnerView> {
    const owner = await loadOwner(this.store, ownerId);
    if (owner.revision === 'no_stream' || !owner.state.exists) throw new OwnerNotFoundError(ownerId);
    const [load] = await this.loads.of([ownerId]);
    return rosterOwnerView({ ownerId, ...profileOf(owner.state), revision: owner.revision }, load);
  }
}

@QueryHandler(ListOwners)
export class ListOwnersHandler implements IQueryHandler<ListOwners, RosterPageView> {
  constructor(
    private readonly roster: OwnerRoster,
    private readonly loads: RosterLoads,
  ) {}

  async execute({ cursor, limit }: ListOwners): Promise<RosterPageView> {
    const page = await this.roster.page(cursor, limit);
    const loads = await this.loads.of(page.owners.map((owner) => owner.ownerId));
    return {
      items: page.owners.map((owner, i) => rosterOwnerView(owner, loads[i])),
      nextCursor: page.nextCursor,
    };
  }
}
