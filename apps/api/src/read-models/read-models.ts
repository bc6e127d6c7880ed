import { Inject, Injectable } from '@nestjs/common';
import { LEADGER_CONFIG, type LeadgerConfig } from '@leadger/config';
import type { EventStore } from '@leadger/event-store';
import type { ReadStore } from '@leadger/read-store';
import { EVENT_STORE } from '../event-store/event-store.module';
import { READ_STORE } from './read-store.provider';
import { awaitPosition } from './read-your-writes';

/** What every read-model query handler needs: the store, read once the asked position is reflected. */
@Injectable()
export class ReadModels {
  /** The log's identity never changes while the process runs: asked once, when first needed. */
  private storeId: Promise<string> | undefined;

  constructor(
    @Inject(READ_STORE) private readonly store: ReadStore,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(LEADGER_CONFIG) private readonly config: LeadgerConfig,
  ) {}

  /** Runs `answer` once the named read models reflect `after` (see AfterQueryDto). */
  async read<T>(
    names: readonly string[],
    after: string | undefined,
    answer: (store: ReadStore) => Promise<T>,
  ): Promise<T> {
    // A position is one of this log's: read models of another log (not yet rebuilt) have not reached it.
    await awaitPosition(this.store, names, after, this.config.readWaitMs, () => this.logId());
    return answer(this.store);
  }

  private logId(): Promise<string> {
    this.storeId ??= this.eventStore.storeId().catch((error: unknown) => {
      this.storeId = undefined;
      throw error;
    });
    return this.storeId;
  }
}
