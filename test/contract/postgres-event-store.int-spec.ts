import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { PostgresEventStore } from '../../libs/event-store/src/postgres/postgres-event-store';
import { eventStoreContract } from './event-store.contract';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A schema of this run's own, so runs sharing the server never meet; dropped by `dropSchema`. */
function freshSchema(): string {
  return `es_test_${randomBytes(6).toString('hex')}`;
}

async function dropSchema(schema: string): Promise<void> {
  const admin = new Client({ connectionString: DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await admin.end();
  }
}

eventStoreContract('postgres', async () => {
  const schema = freshSchema();
  const store = new PostgresEventStore({ connectionString: DATABASE_URL, schema, pollIntervalMs: 200 });
  return {
    store,
    dispose: async () => {
      await store.close();
      await dropSchema(schema);
    },
  };
});
