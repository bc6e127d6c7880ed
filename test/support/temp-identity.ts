import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deriveKey, SqliteLeadVault, type Keys } from '@leadger/identity';
import { LeadDirectory, PersonalData, type LeadIdentity } from '@leadger/lead-application';

/**
 * A real SQLite vault under a fresh master key, in `dir` (default a temp dir of its own): what a test of
 * the command path needs to seal personal data. `dispose` closes it and removes the temp dir it made.
 */
export function tempIdentity(dir?: string): LeadIdentity & { dispose: () => Promise<void> } {
  const home = dir ?? mkdtempSync(join(tmpdir(), 'leadger-vault-'));
  const master = randomBytes(32);
  const keys: Keys = {
    vault: new SqliteLeadVault(join(home, 'vault.sqlite'), deriveKey(master, 'lead-key-wrapping')),
    blindIndexKey: deriveKey(master, 'blind-index'),
    apiKeysKey: deriveKey(master, 'api-keys'),
    requestDigestKey: deriveKey(master, 'request-digest'),
    webhookSecretsKey: deriveKey(master, 'webhook-secrets'),
  };
  const close = () => keys.vault.close();
  return {
    keys,
    personalData: new PersonalData(keys.vault),
    directory: new LeadDirectory(keys.vault, keys.blindIndexKey),
    close,
    dispose: async () => {
      await close();
      if (!dir) rmSync(home, { recursive: true, force: true });
    },
  };
}
