import { randomBytes } from 'node:crypto';
import { Client, type QueryResultRow } from 'pg';

// The PostgreSQL server the tests (and the bench) share with other runs: every run works in a schema of its
// own and drops it afterwards.

/** DATABASE_URL, else the server every machine here runs (trust auth, database `test`). */
export const DATABASE_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

/** A schema name no other run uses: `<prefix>_<12 hex digits>`. */
export const tempSchema = (prefix: string): string => `${prefix}_${randomBytes(6).toString('hex')}`;

/** Runs one statement on a connection of its own (the test's, not a store's); its rows. */
export async function sql<R extends QueryResultRow>(text: string, params: unknown[] = []): Promise<R[]> {
  const client = new Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<R>(text, params)).rows;
  } finally {
    await client.end();
  }
}

export async function dropSchema(schema: string): Promise<void> {
  await sql(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
}
