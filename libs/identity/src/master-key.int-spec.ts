import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMasterKey, MASTER_KEY_FILE, readMasterKey } from './master-key';

describe('createMasterKey', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'leadger-master-key-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('writes a new key readable by its owner only, and nothing else', () => {
    const key = createMasterKey(dataDir);
    expect(readMasterKey({ dataDir })).toEqual(key);
    expect(statSync(join(dataDir, MASTER_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(readdirSync(dataDir)).toEqual([MASTER_KEY_FILE]);
  });

  it('answers the key already there to a second process making one, and never overwrites it', () => {
    const first = createMasterKey(dataDir);
    const second = createMasterKey(dataDir);
    expect(second).toEqual(first);
    expect(readMasterKey({ dataDir })).toEqual(first);
    expect(readdirSync(dataDir)).toEqual([MASTER_KEY_FILE]);
  });
});
