import { Inject, Injectable } from '@nestjs/common';
import { LEADGER_CONFIG, type LeadgerConfig } from '@leadger/config';
import type { ReadStore } from '@leadger/read-store';
import { READ_STORE } from './read-store.provider';
import { awaitPosition } from './read-your-writes';

/** What every read-model query handler needs: the store, read once the asked position is reflected. */
@Injectable()
export class ReadModels {
  constructor(
    @Inject(READ_STORE) private readonly store: ReadStore,
    @Inject(LEADGER_CONFIG) private readonly config: LeadgerConfig,
  ) {}

  /** Runs `answer` once the named read models reflect `after` (see AfterQueryDto). */
  async read<T>(
    names: readonly string[],
    after: string | undefined,
    answer: (store: ReadStore) => Promise<T>,
  ): Promise<T> {
    await awaitPosition(this.store, names, after, this.config.readWaitMs);
    return answer(this.store);
  }
}
