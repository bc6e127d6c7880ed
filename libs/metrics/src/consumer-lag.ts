import type { EventStore } from '@leadger/event-store';
import type { ReadStore } from '@leadger/read-store';
import type { LogConsumer } from './log-consumers';

/** How far one consumer is behind the log's head. */
export interface ConsumerLag {
  readonly consumer: LogConsumer;
  /**
   * Positions of the log from the first event the consumer has yet to handle to the head, 0 when it is
   * caught up. On the embedded SQLite store positions number the events one by one, so this counts events
   * (those of streams the consumer skips, between its first pending one and the head, included). On
   * EventStoreDB positions are byte offsets in the transaction log: the number grows with the backlog but
   * is bytes, not events; read `seconds` there.
   */
  readonly events: number;
  /** How long the first event the consumer has yet to handle has waited, in seconds; 0 when caught up. */
  readonly seconds: number;
}

/**
 * Each consumer's lag behind the head of the log, from its checkpoint in the read store: one read of the
 * checkpoints, the head and the store's id, then one event per consumer (the first it has yet to handle).
 * A consumer without a checkpoint, or with one written from another log, has the whole log ahead of it.
 */
export async function consumerLag(
  eventStore: EventStore,
  readStore: ReadStore,
  consumers: readonly LogConsumer[],
  now: Date,
): Promise<ConsumerLag[]> {
  if (consumers.length === 0) return [];
  const [checkpoints, head, storeId] = await Promise.all([
    readStore.readCheckpoints(consumers.map((c) => c.id)),
    eventStore.headPosition(),
    eventStore.storeId(),
  ]);
  return Promise.all(
    consumers.map(async (consumer): Promise<ConsumerLag> => {
      const checkpoint = checkpoints.get(consumer.id);
      const after = checkpoint && checkpoint.storeId === storeId ? checkpoint.position : undefined;
      const [pending] = await eventStore.readAll({
        after,
        filter: consumer.filter,
        maxCount: 1,
        metadataFields: [],
      });
      if (!pending) return { consumer, events: 0, seconds: 0 };
      return {
        consumer,
        events: Number(head - pending.position + 1n),
        seconds: Math.max(0, (now.getTime() - pending.created.getTime()) / 1000),
      };
    }),
  );
}
