import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiKeys } from './api-keys';

export const ADMIN_TOKEN_FILE = 'admin.token';

/**
 * A data dir that has no key at all gets one admin key, written once to `<dataDir>/admin.token`, readable
 * by its owner only, so the two-command start needs no setup. Answers the file's path when it made one,
 * null otherwise (keys exist, or the file is already there: it is never overwritten).
 */
export async function bootstrapAdminKey(keys: ApiKeys, dataDir: string): Promise<string | null> {
  if (await keys.any()) return null;
  const path = join(dataDir, ADMIN_TOKEN_FILE);
  let file: number;
  try {
    // Created first and exclusively: of two processes starting at once, one writes it and issues the key.
    file = openSync(path, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return null;
    throw error;
  }
  try {
    const { token } = await keys.issue('admin', ['admin'], 'bootstrap');
    writeSync(file, `${token}\n`);
    closeSync(file);
    return path;
  } catch (error) {
    closeSync(file);
    rmSync(path, { force: true });
    throw error;
  }
}
