import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { leadVaultContract } from '../testing/lead-vault-contract';
import { SqliteLeadVault } from './sqlite-lead-vault';

const wrappingKey = randomBytes(32);

// A real file in a folder of its own, so WAL and a second connection are in play.
leadVaultContract('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'leadger-vault-'));
  const file = join(dir, 'vault.sqlite');
  const vault = new SqliteLeadVault(file, wrappingKey);
  return {
    vault,
    reopen: async () => new SqliteLeadVault(file, wrappingKey),
    dispose: async () => {
      await vault.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('the SQLite lead vault', () => {
  let dir: string;
  let vault: SqliteLeadVault;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'leadger-vault-'));
    vault = new SqliteLeadVault(join(dir, 'vault.sqlite'), wrappingKey);
  });
  afterEach(async () => {
    await vault.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const filesBytes = () => Buffer.concat(readdirSync(dir).map((file) => readFileSync(join(dir, file))));

  it('keeps data keys wrapped: the file never holds a key as it is', async () => {
    const key = await vault.dataKeyFor('lead-1');
    expect(filesBytes().includes(key)).toBe(false);
  });

  it('lets the first of two claims of an email made together win', async () => {
    const claims = [vault.claimEmail('index-a', 'lead-1'), vault.claimEmail('index-a', 'lead-2')];
    expect(await Promise.all(claims)).toEqual(['lead-1', 'lead-1']);
  });

  it('leaves no copy of an erased key in its files (secure_delete, WAL checkpointed)', async () => {
    const key = await vault.dataKeyFor('lead-1');
    await vault.claimEmail('index-a', 'lead-1');
    const before = filesBytes();
    await vault.erase('lead-1');
    expect(before.includes(Buffer.from('index-a'))).toBe(true);
    expect(filesBytes().includes(key)).toBe(false);
    expect(filesBytes().includes(Buffer.from('index-a'))).toBe(false);
  });
});
