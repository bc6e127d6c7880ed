import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { SqliteEventStore } from '@leadger/event-store';
import { ApiKeys, SqliteLeadVault } from '@leadger/identity';
import { Authenticator } from '../../apps/api/src/auth/authenticator';
import type { Figure } from './figures';
import { tempDir } from './temp-dir';
import { progress } from './timing';

const CALLS = 200_000;

/**
 * What authentication adds to each request: the API's own authenticator proving an API key (HMAC of the
 * token, a map lookup, the key list refreshed at most once a second), timed in process, beside the time one
 * HTTP capture takes at the measured rate. The API cannot be run without authentication to subtract it.
 */
export async function authCost(perRequestUs: number): Promise<Figure> {
  progress(`http: authentication of ${CALLS} requests with an API key, in process`);
  const dir = tempDir('auth');
  const store = new SqliteEventStore({ path: join(dir.path, 'events.sqlite') });
  const vault = new SqliteLeadVault(join(dir.path, 'vault.sqlite'), randomBytes(32));
  try {
    const keys = new ApiKeys(store, randomBytes(32), vault);
    const { token } = await keys.issue('bench', ['service'], 'bench');
    const authenticator = new Authenticator(keys, null);
    const header = `Bearer ${token}`;
    for (let i = 0; i < 10_000; i++) await authenticator.authenticate(header);
    const start = process.hrtime.bigint();
    for (let i = 0; i < CALLS; i++) await authenticator.authenticate(header);
    const us = Number(process.hrtime.bigint() - start) / 1e3 / CALLS;
    return {
      id: 'http.authentication',
      name: 'authentication per request (API key), in process',
      value: us,
      unit: 'µs',
      baseline: {
        name: 'one HTTP capture at the all-in-one rate (1 / rate)',
        value: perRequestUs,
        unit: 'µs',
      },
      ratio: us / perRequestUs,
      notes: `${((100 * us) / perRequestUs).toFixed(2)} % of a request's time`,
    };
  } finally {
    await store.close();
    await vault.close();
    dir.remove();
  }
}
