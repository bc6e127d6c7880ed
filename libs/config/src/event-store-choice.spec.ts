import { ConfigError, loadConfig } from './leadger-config';

const ESDB = 'esdb://localhost:2113?tls=false';
const PG = 'postgres://leadger@db:5432/leadger';

/** The problems `loadConfig` names for this environment (none when it loads). */
function problems(env: NodeJS.ProcessEnv): readonly string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('the event store a process opens', () => {
  describe('when LEADGER_EVENTSTORE is unset', () => {
    it('is the embedded SQLite store without a server URL', () => {
      expect(loadConfig({}).eventStore).toBe('sqlite');
    });

    it('is EventStoreDB with EVENTSTORE_URL, PostgreSQL with DATABASE_URL', () => {
      expect(loadConfig({ EVENTSTORE_URL: ESDB }).eventStore).toBe('eventstoredb');
      expect(loadConfig({ DATABASE_URL: PG })).toMatchObject({
        eventStore: 'postgres',
        databaseUrl: PG,
        pgSchema: 'leadger',
      });
      expect(loadConfig({ DATABASE_URL: 'postgresql://db/leads' }).eventStore).toBe('postgres');
    });

    it('refuses both server URLs, asking which store is meant', () => {
      expect(problems({ EVENTSTORE_URL: ESDB, DATABASE_URL: PG })).toEqual([
        'EVENTSTORE_URL and DATABASE_URL are both set: set LEADGER_EVENTSTORE to eventstoredb or postgres, and unset the URL of the other',
      ]);
    });
  });

  describe('when LEADGER_EVENTSTORE is set', () => {
    it('is the store it names, in any case', () => {
      expect(loadConfig({ LEADGER_EVENTSTORE: 'Postgres', DATABASE_URL: PG }).eventStore).toBe('postgres');
      expect(loadConfig({ LEADGER_EVENTSTORE: 'eventstoredb', EVENTSTORE_URL: ESDB }).eventStore).toBe(
        'eventstoredb',
      );
      expect(loadConfig({ LEADGER_EVENTSTORE: ' sqlite ' }).eventStore).toBe('sqlite');
    });

    it('refuses a server store without its URL', () => {
      expect(problems({ LEADGER_EVENTSTORE: 'postgres' })).toEqual([
        "LEADGER_EVENTSTORE is postgres, which needs DATABASE_URL: set it to the server's URL",
      ]);
      expect(problems({ LEADGER_EVENTSTORE: 'eventstoredb', DATABASE_URL: PG })).toEqual([
        "LEADGER_EVENTSTORE is eventstoredb, which needs EVENTSTORE_URL: set it to the server's URL",
      ]);
    });

    it('refuses the URL of a store it does not name, which would be ignored', () => {
      expect(problems({ LEADGER_EVENTSTORE: 'sqlite', DATABASE_URL: PG })).toEqual([
        'LEADGER_EVENTSTORE is sqlite, but DATABASE_URL is set too: unset what this store does not use',
      ]);
      expect(problems({ LEADGER_EVENTSTORE: 'postgres', DATABASE_URL: PG, EVENTSTORE_URL: ESDB })).toEqual([
        'LEADGER_EVENTSTORE is postgres, but EVENTSTORE_URL is set too: unset what this store does not use',
      ]);
      expect(problems({ LEADGER_EVENTSTORE: 'sqlite', DATABASE_URL: PG, EVENTSTORE_URL: ESDB })).toEqual([
        'LEADGER_EVENTSTORE is sqlite, but EVENTSTORE_URL and DATABASE_URL are set too: unset what this store does not use',
      ]);
    });

    it('refuses a store it does not know, and a schema name PostgreSQL would need quoted', () => {
      expect(problems({ LEADGER_EVENTSTORE: 'mongo', LEADGER_PG_SCHEMA: 'crm-events' })).toEqual([
        'LEADGER_EVENTSTORE must be one of sqlite, postgres, eventstoredb, got "mongo"',
        'LEADGER_PG_SCHEMA must be at most 40 of a-z, 0-9 and _, not starting with a digit, got "crm-events"',
      ]);
    });
  });
});
