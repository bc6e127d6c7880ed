import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@leadger/event-store';
import { ownerLoads } from '@leadger/policy-runtime';
import type { ReadStore } from '@leadger/read-store';
import { EVENT_STORE } from '../event-store/event-store.module';
import { READ_STORE } from '../read-models/read-store.provider';

/**
 * What each owner holds now, as the policies count it in the read store (one read per answer): the policy
 * runner keeps it there, in this process or in a worker sharing the read store.
 */
@Injectable()
export class RosterLoads {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
  ) {}

  async of(ownerIds: readonly string[]): Promise<(number | null)[]> {
    return ownerLoads(this.readStore, await this.eventStore.storeId(), ownerIds);
  }
}
