import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LeadErasedError } from '../lead-vault';
import { SqliteLeadVault } from './sqlite-lead-vault';

let dir: string;
let vault: SqliteLeadVault;
const wrappingKey = randomBytes(32);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'leadger-vault-'));
  vault = new SqliteLeadVault(join(dir, 'vault.sqlite'), wrappingKey);
});
afterEach(async () => {
  await vault.close();
  rmSync(dir, { recursive: true, force: true });
});

const filesBytes = () => Buffer.concat(readdirSync(dir).map((file) => readFileSync(join(dir, file))));

describe('the SQLite lead vault', () => {
  it('makes a lead’s data key once and finds it again, also from another connection', async () => {
    const key = await vault.dataKeyFor('lead-1');
    expect(key).toHaveLength(32);
    expect(await vault.dataKeyFor('lead-1')).toEqual(key);
    const other = new SqliteLeadVault(join(dir, 'vault.sqlite'), wrappingKey);
    expect(await other.findDataKey('lead-1')).toEqual(key);
    expect(await other.findDataKey('lead-2')).toBeNull();
    await other.close();
  });

  it('keeps data keys wrapped: the file never holds a key as it is', async () => {
    const key = await vault.dataKeyFor('lead-1');
    expect(filesBytes().includes(key)).toBe(false);
  });

  it('lets one of two racing claims of an email win, and answers the winner to both', async () => {
    const [first, second] = await Promise.all([
      vault.claimEmail('index-a', 'lead-1'),
      vault.claimEmail('index-a', 'lead-2'),
    ]);
    expect([first, second]).toEqual(['lead-1', 'lead-1']);
    expect(await vault.findEmail('index-a')).toBe('lead-1');
  });

  it('erases for good: no key, no index entry, no new key, and a new claim of the email is free', async () => {
    const key = await vault.dataKeyFor('lead-1');
    await vault.claimEmail('index-a', 'lead-1');
    const wrapped = filesBytes();
    await vault.erase('lead-1');
    await vault.erase('lead-1');
    expect(await vault.findDataKey('lead-1')).toBeNull();
    expect(await vault.findEmail('index-a')).toBeNull();
    await expect(vault.dataKeyFor('lead-1')).rejects.toBeInstanceOf(LeadErasedError);
    expect(await vault.claimEmail('index-a', 'lead-9')).toBe('lead-9');
    expect(wrapped.includes(Buffer.from('index-a'))).toBe(true);
    expect(filesBytes().includes(key)).toBe(false);
  });
});
