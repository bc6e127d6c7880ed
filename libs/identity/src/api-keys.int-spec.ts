import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@leadger/event-store';
import { ApiKeyInputError, ApiKeys } from './api-keys';
import { bootstrapAdminKey } from './bootstrap-admin';
import { AuthenticationError } from './principal';
import { SqliteLeadVault } from './sqlite/sqlite-lead-vault';

let dir: string;
let store: SqliteEventStore;
let vault: SqliteLeadVault;
const secret = randomBytes(32);
const registry = (refreshMs = 1000) => new ApiKeys(store, secret, vault, { refreshMs });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'leadger-keys-'));
  store = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
  vault = new SqliteLeadVault(join(dir, 'vault.sqlite'), randomBytes(32));
});
afterEach(async () => {
  await store.close();
  await vault.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('API keys', () => {
  it('issue a key whose token proves its principal, and store only a hash of it, as an event', async () => {
    const keys = registry();
    const { token, key } = await keys.issue('bob', ['sales'], 'admin');
    expect(key).toMatchObject({ name: 'bob', roles: ['sales'], issuedBy: 'admin', revokedAt: null });
    expect(await keys.authenticate(token)).toEqual({ id: 'bob', roles: ['sales'], via: 'api-key' });
    const [issued] = await store.readAll({ filter: { streamNamePrefixes: ['apikey-'] } });
    expect(issued).toMatchObject({ type: 'ApiKeyIssued', metadata: { actor: 'admin' } });
    // The secret is the 43 characters after the key id; base64url, so it may hold `_` itself.
    const secret = token.slice('lgr_'.length + 16 + 1);
    expect(secret).toHaveLength(43);
    expect(JSON.stringify(issued.data)).not.toContain(secret);
  });

  it('refuse a token that is not one of ours, unknown, or altered, also once the real one was proven', async () => {
    const keys = registry();
    const { token } = await keys.issue('bob', ['sales'], 'admin');
    expect((await keys.authenticate(token)).id).toBe('bob');
    for (const bad of [
      'nope',
      `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`,
      'lgr_0123456789abcdef_' + 'x'.repeat(43),
    ])
      await expect(keys.authenticate(bad)).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('stop working when revoked, also in another process that knew them, within its refresh time', async () => {
    const here = registry(10);
    const there = registry(10);
    const { token } = await here.issue('ci-bot', ['service'], 'admin');
    expect((await there.authenticate(token)).id).toBe('ci-bot');
    const [revoked] = await here.revoke('ci-bot', 'admin');
    expect(revoked).toMatchObject({ revokedBy: 'admin', revokedAt: expect.any(String) });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await expect(there.authenticate(token)).rejects.toThrow('the API key was revoked');
  });

  it('list every key with its roles, issue and last-use times, never the token or its hash', async () => {
    const keys = registry();
    const { token } = await keys.issue('bob', ['sales', 'sales'], 'admin');
    await keys.issue('mia', ['marketing', 'analyst'], 'admin');
    await keys.authenticate(token);
    const listed = await registry().list();
    expect(listed.map((key) => [key.name, key.roles])).toEqual([
      ['mia', ['marketing', 'analyst']],
      ['bob', ['sales']],
    ]);
    expect(listed.find((key) => key.name === 'bob')?.lastUsedAt).toEqual(expect.any(String));
    expect(JSON.stringify(listed)).not.toMatch(/hash|lgr_/);
  });

  it('refuse a bad name, unknown roles, and a second live key of one name', async () => {
    const keys = registry();
    await expect(keys.issue('Bob Smith', ['sales'], 'admin')).rejects.toBeInstanceOf(ApiKeyInputError);
    await expect(keys.issue('policy:x', ['sales'], 'admin')).rejects.toMatchObject({ field: 'name' });
    await expect(keys.issue('bob', ['king'], 'admin')).rejects.toMatchObject({ field: 'roles' });
    await expect(keys.issue('bob', [], 'admin')).rejects.toMatchObject({ field: 'roles' });
    await keys.issue('bob', ['sales'], 'admin');
    await expect(keys.issue('bob', ['sales'], 'admin')).rejects.toMatchObject({ field: 'name' });
    await keys.revoke('bob', 'admin');
    await expect(keys.issue('bob', ['sales_manager'], 'admin')).resolves.toBeDefined();
  });
});

describe('the bootstrap admin key', () => {
  it('is made once for a data dir without keys, in admin.token readable by its owner only', async () => {
    const keys = registry();
    const path = await bootstrapAdminKey(keys, dir);
    expect(path).toBe(join(dir, 'admin.token'));
    expect(statSync(path!).mode & 0o777).toBe(0o600);
    const token = readFileSync(path!, 'utf8').trim();
    expect(await keys.authenticate(token)).toMatchObject({ id: 'admin', roles: ['admin'] });
    expect(await bootstrapAdminKey(registry(), dir)).toBeNull();
    expect(readFileSync(path!, 'utf8').trim()).toBe(token);
  });

  it('is not made when keys exist', async () => {
    const keys = registry();
    await keys.issue('ops', ['admin'], 'cli:root');
    expect(await bootstrapAdminKey(keys, dir)).toBeNull();
  });
});
