import type { Pool, PoolClient } from 'pg';

/**
 * Runs `work` on one of the pool's connections; should it throw, whatever transaction it opened is rolled
 * back. A connection that cannot even roll back is broken: released with the error, the pool drops it.
 */
export async function onConnection<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let result: T;
  try {
    result = await work(client);
  } catch (error) {
    const broken = await client.query('ROLLBACK').then(
      () => undefined,
      (rollbackError: Error) => rollbackError,
    );
    client.release(broken);
    throw error;
  }
  client.release();
  return result;
}

/** Runs `work` in one transaction on one of the pool's connections: committed if it returns, else rolled back. */
export function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  return onConnection(pool, async (client) => {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  });
}
