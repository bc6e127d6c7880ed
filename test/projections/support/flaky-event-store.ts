import {
  EventStoreUnavailableError,
  type EventStore,
  type SubscribeToAllOptions,
  type Subscription,
} from '@leadger/event-store';

/** An event store a test can take away: while `down`, reads and subscriptions fail as if unreachable. */
export function flaky(inner: EventStore): EventStore & { down: boolean } {
  const unavailable = () => new EventStoreUnavailableError('event store is down (test)');
  const store = {
    down: false,
    kind: inner.kind,
    appendToStream: inner.appendToStream.bind(inner),
    readStream: inner.readStream.bind(inner),
    readAll: async (options?: Parameters<EventStore['readAll']>[0]) => {
      if (store.down) throw unavailable();
      return inner.readAll(options);
    },
    headPosition: async () => {
      if (store.down) throw unavailable();
      return inner.headPosition();
    },
    subscribeToAll(options: SubscribeToAllOptions): Subscription {
      if (store.down) {
        setTimeout(() => options.onError?.(unavailable()), 0);
        return { stop: async () => undefined };
      }
      return inner.subscribeToAll({
        ...options,
        onEvent: (event) => {
          if (store.down) throw unavailable();
          return options.onEvent(event);
        },
      });
    },
    storeId: inner.storeId.bind(inner),
    ping: inner.ping.bind(inner),
    close: inner.close.bind(inner),
  };
  return store;
}
