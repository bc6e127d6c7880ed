import type { EventStore } from '@leadger/event-store';
import { evolveOwner, noOwner, type OwnerState } from '@leadger/lead-domain';
import { OWNER_STREAM_PREFIX, profileOf, toOwnerEvent } from './owner-stream';
import { rosterPage, type RosterOwner, type RosterPage } from './roster-page';

const PAGE = 1000;

/**
 * The whole roster, folded from the owner streams and kept in memory: each answer first reads the owner
 * events stored since the last one (across processes too), so it holds every SetOwner answered before it.
 */
export class OwnerRoster {
  private readonly owners = new Map<string, { state: OwnerState; revision: bigint }>();
  private position: bigint | undefined;
  /** Reads run one after another: one that joined a read already under way could miss a newer write. */
  private reading: Promise<void> = Promise.resolve();

  constructor(private readonly store: EventStore) {}

  async page(cursor: string | undefined, limit: number): Promise<RosterPage> {
    await this.catchUp();
    const owners = [...this.owners].map(([ownerId, { state, revision }]): RosterOwner => ({
      ownerId,
      ...profileOf(state),
      revision,
    }));
    return rosterPage(owners, cursor, limit);
  }

  /** Every owner, by id. */
  async list(): Promise<readonly RosterOwner[]> {
    return (await this.page(undefined, Number.MAX_SAFE_INTEGER)).owners;
  }

  private catchUp(): Promise<void> {
    const read = this.reading.then(() => this.readNew());
    this.reading = read.catch(() => undefined);
    return read;
  }

  private async readNew(): Promise<void> {
    for (;;) {
      const events = await this.store.readAll({
        after: this.position,
        filter: { streamNamePrefixes: [OWNER_STREAM_PREFIX] },
        maxCount: PAGE,
      });
      for (const event of events) {
        if (event.type !== 'OwnerSet') continue;
        const ownerId = event.streamName.slice(OWNER_STREAM_PREFIX.length);
        const state = evolveOwner(this.owners.get(ownerId)?.state ?? noOwner, toOwnerEvent(event));
        this.owners.set(ownerId, { state, revision: event.revision });
      }
      if (events.length > 0) this.position = events[events.length - 1].position;
      if (events.length < PAGE) return;
    }
  }
}
