export const eventStoreKinds = ['sqlite', 'postgres', 'eventstoredb'] as const;
export type EventStoreKind = (typeof eventStoreKinds)[number];

/** The settings the event store is chosen by, as their variables read. */
interface EventStoreSettings {
  readonly eventStore: EventStoreKind | undefined;
  readonly eventStoreUrl: string | undefined;
  readonly databaseUrl: string | undefined;
}

/** The server URL each store needs, and the variable that sets it. */
const serverUrls = {
  eventstoredb: { variable: 'EVENTSTORE_URL', field: 'eventStoreUrl' },
  postgres: { variable: 'DATABASE_URL', field: 'databaseUrl' },
} as const;

/**
 * Which event store a process opens: LEADGER_EVENTSTORE when set, else the one whose server URL is set,
 * else the embedded SQLite. Refused, with a line that says what to change: a server store without its URL,
 * a URL set for a store that is not the one chosen (it would be ignored without a word), and both URLs
 * set with no choice made.
 */
export function chooseEventStore(
  settings: EventStoreSettings,
): { readonly kind: EventStoreKind } | { readonly problem: string } {
  const { eventStore } = settings;
  const given = (Object.keys(serverUrls) as (keyof typeof serverUrls)[]).filter(
    (kind) => settings[serverUrls[kind].field] !== undefined,
  );
  if (eventStore === undefined) {
    if (given.length > 1)
      return {
        problem:
          'EVENTSTORE_URL and DATABASE_URL are both set: set LEADGER_EVENTSTORE to eventstoredb or postgres, and unset the URL of the other',
      };
    return { kind: given[0] ?? 'sqlite' };
  }
  if (eventStore !== 'sqlite' && !given.includes(eventStore))
    return {
      problem: `LEADGER_EVENTSTORE is ${eventStore}, which needs ${serverUrls[eventStore].variable}: set it to the server's URL`,
    };
  const ignored = given.filter((kind) => kind !== eventStore);
  if (ignored.length > 0)
    return {
      problem: `LEADGER_EVENTSTORE is ${eventStore}, but ${ignored.map((kind) => serverUrls[kind].variable).join(' and ')} ${ignored.length > 1 ? 'are' : 'is'} set too: unset what this store does not use`,
    };
  return { kind: eventStore };
}
