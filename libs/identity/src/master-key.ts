import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KEY_BYTES } from './secrets';

export const MASTER_KEY_FILE = 'master.key';

/** Where the master key comes from: the environment (a deployment of several processes), or the data dir. */
export interface MasterKeySource {
  /** LEADGER_MASTER_KEY: 32 bytes, base64; unset means `<dataDir>/master.key`. */
  readonly masterKey?: string;
  readonly dataDir: string;
}

/** The master key is missing or unusable: nothing may start, as nothing personal could be read or sealed. */
export class MasterKeyError extends Error {
  readonly code = 'master_key';

  constructor(message: string) {
    super(message);
    this.name = 'MasterKeyError';
  }
}

/** The master key as configured, or from its file; null when there is neither (a data dir never started). */
export function readMasterKey(source: MasterKeySource): Buffer | null {
  if (source.masterKey) return parse(source.masterKey, 'LEADGER_MASTER_KEY');
  const file = join(source.dataDir, MASTER_KEY_FILE);
  return existsSync(file) ? parse(readFileSync(file, 'utf8').trim(), file) : null;
}

/** Makes a new master key in `<dataDir>/master.key`, readable by its owner only; never overwrites one. */
export function createMasterKey(dataDir: string): Buffer {
  const file = join(dataDir, MASTER_KEY_FILE);
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  const key = randomBytes(KEY_BYTES);
  writeFileSync(draft, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    // Linked into place whole, never seen half-written: of several processes starting on a new data dir at
    // once (an API and its workers), the first one's key is the key, and the others read it.
    linkSync(draft, file);
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return parse(readFileSync(file, 'utf8').trim(), file);
  } finally {
    rmSync(draft, { force: true });
  }
}

function parse(text: string, where: string): Buffer {
  const key = Buffer.from(text, 'base64');
  if (key.length !== KEY_BYTES || key.toString('base64') !== text.trim())
    throw new MasterKeyError(
      `${where} must hold a ${KEY_BYTES}-byte key in base64 (e.g. \`openssl rand -base64 32\`)`,
    );
  return key;
}
