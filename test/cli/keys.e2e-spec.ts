import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ApiKeys, AuthenticationError } from '@leadger/identity';
import { json, operator, runCli, storedEvents, tempDataDir, withIdentity } from './support/cli';

// `leadger keys create|list|revoke`: API keys issued by the operator at the CLI, as the API's own registry
// reads them — the printed token proves who it names until it is revoked, and only its hash is stored.

// Each test starts real `node` processes: slow on a busy two-core machine, and the first one transpiles.
jest.setTimeout(60_000);

const temp = tempDataDir();
afterAll(() => temp.dispose());
/** Not there before the first `keys create`, which makes it. */
const dir = join(temp.dir, 'new', 'data');

const TOKEN = /^lgr_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/;

interface Listed {
  readonly keys: {
    keyId: string;
    name: string;
    roles: string[];
    issuedAt: string;
    issuedBy: string;
    revokedAt: string | null;
    revokedBy: string | null;
    lastUsedAt: string | null;
  }[];
}

/** Who the token proves to be, as the API's registry (on the same data dir) sees it. */
function authenticate(token: string) {
  return withIdentity(dir, (store, { keys }) =>
    new ApiKeys(store, keys.apiKeysKey, keys.vault).authenticate(token),
  );
}

describe('leadger keys', () => {
  let token: string;

  beforeAll(async () => {
    const run = await runCli(dir, ['keys', 'create', '--name', 'crm-sync', '--role', 'service,marketing']);
    if (run.code !== 0) throw new Error(`exit ${run.code}: ${run.stderr}`);
    token = run.stdout.replace(/\n$/, '');
  }, 30_000);

  it('create prints the token alone, on one line, on a data dir it makes; the API takes it', async () => {
    expect(token).toMatch(TOKEN);
    expect(existsSync(join(dir, 'events.sqlite'))).toBe(true);
    expect(await authenticate(token)).toEqual({
      id: 'crm-sync',
      roles: ['service', 'marketing'],
      via: 'api-key',
    });
  });

  it('list shows the key, issued by the operator, and its last use, without its token or hash', async () => {
    const run = await runCli(dir, ['keys', 'list', '--json']);
    const { keys } = json<Listed>(run);
    expect(keys).toEqual([
      {
        keyId: token.slice(4, 20),
        name: 'crm-sync',
        roles: ['service', 'marketing'],
        issuedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        issuedBy: operator,
        revokedAt: null,
        revokedBy: null,
        // The use above, recorded in the vault as the API records it.
        lastUsedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      },
    ]);
    const [issued] = (await storedEvents(dir)).filter((e) => e.type === 'ApiKeyIssued');
    const human = await runCli(dir, ['keys', 'list']);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(
      /^name\s+key id\s+roles\s+issued\s+issued by\s+revoked\s+revoked by\s+last used\n/,
    );
    expect(human.stdout).toContain('service,marketing');
    for (const output of [run.stdout, human.stdout]) {
      expect(output).not.toContain(token.slice(21));
      expect(output).not.toContain(String(issued.data.hash));
    }
  });

  it('refuses a bad name or role, or a name a live key has, with exit 2 and the reason', async () => {
    for (const [args, message] of [
      [['--name', 'CRM Sync', '--role', 'service'], /--name must be 1-64 of a-z, 0-9 and \._@-/],
      [['--name', 'cli:me', '--role', 'service'], /--name must be/],
      [['--name', 'bot', '--role', 'service,boss'], /--role has unknown boss; roles are service, marketing/],
      [['--name', 'bot'], /required option '--role <roles>'/],
      [['--name', 'crm-sync', '--role', 'admin'], /--name is already the name of a key; revoke it first/],
    ] as const) {
      const run = await runCli(dir, ['keys', 'create', ...args]);
      expect({ args, code: run.code, stdout: run.stdout }).toEqual({ args, code: 2, stdout: '' });
      expect(run.stderr).toMatch(message);
    }
    expect((await storedEvents(dir)).filter((e) => e.type === 'ApiKeyIssued')).toHaveLength(1);
  });

  it('revoke ends the key: list shows who revoked it, the API refuses it, a second revoke exits 1', async () => {
    const run = await runCli(dir, ['keys', 'revoke', 'crm-sync']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^revoked key crm-sync \(key id [0-9a-f]{16}\) at \d{4}-/);
    const [key] = json<Listed>(await runCli(dir, ['keys', 'list', '--json'])).keys;
    expect(key).toMatchObject({
      name: 'crm-sync',
      revokedAt: expect.stringMatching(/^\d{4}-/),
      revokedBy: operator,
    });
    await expect(authenticate(token)).rejects.toThrow(AuthenticationError);

    const again = await runCli(dir, ['keys', 'revoke', 'crm-sync']);
    expect({ code: again.code, stdout: again.stdout }).toEqual({ code: 1, stdout: '' });
    expect(again.stderr).toMatch(/no live key named crm-sync/);
  });

  it('names the operator as the actor of every key event', async () => {
    const events = (await storedEvents(dir)).filter((e) => e.streamName.startsWith('apikey-'));
    expect(events.map((e) => [e.type, e.metadata.actor])).toEqual([
      ['ApiKeyIssued', operator],
      ['ApiKeyRevoked', operator],
    ]);
  });
});
