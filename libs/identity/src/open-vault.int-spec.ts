import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStoreUnavailableError } from '@leadger/event-store';
import type { LeadVault } from './lead-vault';
import { MasterKeyError } from './master-key';
import { DATABASE_URL, dropSchema, sql, tempSchema } from '../../../test/support/temp-postgres';
import { openVault, VAULT_FILE, type Keys, type VaultSource } from './open-vault';
import { GuardedVault } from './postgres/guarded-vault';
import { SqliteLeadVault } from './sqlite/sqlite-lead-vault';

// Real files and the real server; each test has data dirs and a schema of its own, removed after.
const databaseUrl = DATABASE_URL;

let dirs: string[];
let schema: string;
let opened: LeadVault[];

beforeEach(() => {
  dirs = [];
  opened = [];
  schema = tempSchema('leadger_open_vault_test');
});
afterEach(async () => {
  await Promise.all(opened.map((vault) => vault.close()));
  await dropSchema(schema);
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'leadger-open-vault-'));
  dirs.push(dir);
  return dir;
}

async function open(source: VaultSource, logHasLeads = false): Promise<Keys> {
  const keys = await openVault(source, async () => logHasLeads);
  opened.push(keys.vault);
  return keys;
}

const refusal = (opening: Promise<unknown>) =>
  opening.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('openVault on PostgreSQL', () => {
  const postgres = () => ({ databaseUrl, schema });

  it('opens one vault that processes sharing the master key share, with no vault file', async () => {
    const masterKey = randomBytes(32).toString('base64');
    const first = await open({ masterKey, dataDir: dataDir(), postgres: postgres() });
    expect(first.vault).toBeInstanceOf(GuardedVault);
    const lead = await first.vault.claimEmail('index-a', 'lead-1');

    const secondDir = dataDir();
    const second = await open({ masterKey, dataDir: secondDir, postgres: postgres() }, true);
    expect(await second.vault.findEmail('index-a')).toBe(lead);
    expect(await second.vault.findDataKey(lead)).toEqual(await first.vault.findDataKey(lead));
    expect(second.blindIndexKey).toEqual(first.blindIndexKey);
    expect(existsSync(join(secondDir, VAULT_FILE))).toBe(false);
  });

  it('makes the master key in the data dir when both are new, and refuses a process without it', async () => {
    const firstDir = dataDir();
    const first = await open({ dataDir: firstDir, postgres: postgres() });
    await first.vault.dataKeyFor('lead-1');
    expect(existsSync(join(firstDir, 'master.key'))).toBe(true);

    const error = await refusal(open({ dataDir: dataDir(), postgres: postgres() }));
    expect(error).toBeInstanceOf(MasterKeyError);
    expect((error as Error).message).toMatch(
      new RegExp(
        `master\\.key is missing but the vault in schema "${schema}" of PostgreSQL database "\\w+" on [^ ]+ exists`,
      ),
    );
  });

  it('refuses a log with leads when the schema has no vault, making none', async () => {
    const masterKey = randomBytes(32).toString('base64');
    const error = await refusal(open({ masterKey, dataDir: dataDir(), postgres: postgres() }, true));
    expect(error).toBeInstanceOf(MasterKeyError);
    expect((error as Error).message).toContain(`schema "${schema}"`);
    expect((error as Error).message).toContain('does not exist');
    expect(await sql(`SELECT 1 FROM pg_namespace WHERE nspname = '${schema}'`)).toEqual([]);
  });

  it('refuses a log with leads when the vault tables hold no lead, and serves it once they do', async () => {
    const source = {
      masterKey: randomBytes(32).toString('base64'),
      dataDir: dataDir(),
      postgres: postgres(),
    };
    const empty = await open(source);
    // The vault opens (and makes its tables) on first use.
    expect(await empty.vault.findEmail('index-none')).toBeNull();

    const error = await refusal(open(source, true));
    expect(error).toBeInstanceOf(MasterKeyError);
    expect((error as Error).message).toContain('holds no lead keys');

    await empty.vault.erase('lead-1');
    await expect(open(source, true)).resolves.toBeDefined();
  });
});

describe('openVault without a PostgreSQL target', () => {
  it('opens vault.sqlite in the data dir, as before', async () => {
    const dir = dataDir();
    const keys = await open({ dataDir: dir });
    expect(keys.vault).toBeInstanceOf(SqliteLeadVault);
    expect(existsSync(join(dir, VAULT_FILE))).toBe(true);
    expect(existsSync(join(dir, 'master.key'))).toBe(true);
  });

  it('comes up while the server does not answer, saying so, and opens the vault on first use', async () => {
    const warnings: string[] = [];
    const unreachable = { databaseUrl: 'postgres://postgres@127.0.0.1:1/test', schema };
    const source = {
      masterKey: randomBytes(32).toString('base64'),
      dataDir: dataDir(),
      postgres: unreachable,
    };
    const keys = await openVault(
      source,
      async () => false,
      (message) => warnings.push(message),
    );
    opened.push(keys.vault);
    expect(warnings).toEqual([expect.stringMatching(/could not be checked at start .*ECONNREFUSED/)]);
    // Out of reach reads as the store being unavailable (503), as the event store beside it answers.
    const failed = await refusal(keys.vault.findEmail('index-a'));
    expect(failed).toBeInstanceOf(EventStoreUnavailableError);
    expect((failed as Error).message).toMatch(/email index failed: .*ECONNREFUSED/);

    // The same vault, reachable: the first use opens it, with its tables.
    const reachable = await open({ ...source, postgres: { databaseUrl, schema } });
    expect(await reachable.vault.claimEmail('index-a', 'lead-1')).toBe('lead-1');
    expect(await sql(`SELECT lead_id FROM ${schema}.email_index`)).toEqual([{ lead_id: 'lead-1' }]);
  });
});
