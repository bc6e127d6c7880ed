import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { SqliteEventStore, type EventStore } from '@leadger/event-store';
import { allProjections } from '@leadger/projections';
import { RedisReadStore } from '@leadger/read-store';
import { deletePrefix } from '../../projections/support/temp-read-stores';
import type { Program } from '../../support/processes';

/** The servers every process of a scale-out test shares, seen from the test, and the env that names them. */
export interface SharedStores {
  readonly kind: string;
  readonly env: Readonly<Record<string, string>>;
  readonly eventStore: EventStore;
  readonly readStore: RedisReadStore;
  /** Whether `program` (told by its pid in the lease token) holds every one of the leases. */
  allHeldBy(leases: readonly string[], program: Program): Promise<boolean>;
  /** How long each lease has left before it lapses unless renewed (0 when nobody holds it). */
  leasesLeft(leases: readonly string[]): Promise<number[]>;
  /** Whether every projection's checkpoint is at `head`. */
  projectedUpTo(head: bigint): Promise<boolean>;
  dispose(): Promise<void>;
}

/** The event store in `dataDir` and a Redis key prefix of this run's own. */
export async function sharedStores(dataDir: string, redisUrl: string): Promise<SharedStores> {
  const prefix = `many:${randomUUID()}:`;
  const eventStore = new SqliteEventStore({ path: join(dataDir, 'events.sqlite') });
  const readStore = new RedisReadStore({ url: redisUrl, keyPrefix: prefix });
  const names = allProjections.map((projection) => projection.name);
  return {
    kind: 'sqlite + redis',
    env: { EVENTSTORE_URL: '', REDIS_URL: redisUrl, LEADGER_REDIS_PREFIX: prefix },
    eventStore,
    readStore,
    allHeldBy: async (leases, program) => {
      const holders = await Promise.all(leases.map((name) => readStore.leaseHolder(name)));
      return holders.every((holder) => holder?.token.split(':')[1] === String(program.child.pid));
    },
    leasesLeft: async (leases) =>
      Promise.all(leases.map(async (name) => (await readStore.leaseHolder(name))?.expiresInMs ?? 0)),
    projectedUpTo: async (head) => {
      const checkpoints = await readStore.readCheckpoints(names);
      return names.every((name) => checkpoints.get(name)?.position === head);
    },
    dispose: async () => {
      await readStore.close();
      await eventStore.close();
      await deletePrefix(redisUrl, prefix);
    },
  };
}
