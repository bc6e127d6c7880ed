import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh temp folder and a way to remove it. */
export function tempDir(name: string): { readonly path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), `leadger-bench-${name}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
