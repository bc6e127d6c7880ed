import { PostgresEventStore, type EventStore } from '@leadger/event-store';
import { allProjections } from '@leadger/projections';
import { RedisReadStore } from '@leadger/read-store';
import { startRedisCluster } from '../../support/redis-cluster';
import type { Program } from '../../support/processes';
import { DATABASE_URL, dropSchema, tempSchema } from '../../support/temp-postgres';

/** The servers every process of a scale-out test shares, seen from the test, and the env that names them. */
export interface SharedStores {
  readonly kind: string;
  readonly env: Readonly<Record<string, string>>;
  readonly eventStore: EventStore;
  readonly readStore: RedisReadStore;
  /** Whether `program` (told by its pid in the lease token) holds every one of the leases. */
  allHeldBy(leases: readonly string[], program: Program): Promise<boolean>;
  /** Who holds each lease (the pid in its token, null when nobody does) and how long it has left. */
  leaseHolders(leases: readonly string[]): Promise<{ pid: number | null; leftMs: number }[]>;
  /** Whether every projection's checkpoint is at `head`. */
  projectedUpTo(head: bigint): Promise<boolean>;
  dispose(): Promise<void>;
}

/**
 * The production servers of a scale-out: the event store (and the vault) in a PostgreSQL schema of this
 * run's own, dropped afterwards, and the read models in a three-master Redis Cluster the test starts.
 */
export async function sharedStores(): Promise<SharedStores> {
  const schema = tempSchema('many');
  const cluster = await startRedisCluster({ masters: 3, replicas: 0 });
  const eventStore = new PostgresEventStore({ connectionString: DATABASE_URL, schema });
  const readStore = new RedisReadStore({ clusterNodes: cluster.nodes });
  const names = allProjections.map((projection) => projection.name);
  // The pid is the second part of a lease token (`<host>:<pid>:<uuid>`).
  const leaseHolders = (leases: readonly string[]) =>
    Promise.all(
      leases.map(async (name) => {
        const holder = await readStore.leaseHolder(name);
        return holder
          ? { pid: Number(holder.token.split(':')[1]), leftMs: holder.expiresInMs }
          : { pid: null, leftMs: 0 };
      }),
    );
  return {
    kind: 'PostgreSQL + Redis Cluster',
    env: {
      LEADGER_EVENTSTORE: 'postgres',
      DATABASE_URL,
      LEADGER_PG_SCHEMA: schema,
      EVENTSTORE_URL: '',
      REDIS_URL: '',
      REDIS_CLUSTER_NODES: cluster.nodes.join(','),
    },
    eventStore,
    readStore,
    leaseHolders,
    allHeldBy: async (leases, program) =>
      (await leaseHolders(leases)).every(({ pid }) => pid === program.child.pid),
    projectedUpTo: async (head) => {
      const checkpoints = await readStore.readCheckpoints(names);
      return names.every((name) => checkpoints.get(name)?.position === head);
    },
    dispose: async () => {
      await readStore.close();
      await eventStore.close();
      await cluster.stop();
      await dropSchema(schema);
    },
  };
}
