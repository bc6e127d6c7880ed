import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { LeadErasedError } from '../lead-vault';
import { MasterKeyError } from '../master-key';
import { leadVaultContract } from '../testing/lead-vault-contract';
import { DATABASE_URL, dropSchema, sql, tempSchema } from '../../../../test/support/temp-postgres';
import { PostgresLeadVault } from './postgres-lead-vault';

// Against the real server; other runs share it, so every vault gets a schema of its own, dropped after.
const databaseUrl = DATABASE_URL;
const wrappingKey = randomBytes(32);

leadVaultContract('postgres', async () => {
  const schema = tempSchema('leadger_vault_test');
  const vault = await PostgresLeadVault.open({ databaseUrl, schema, wrappingKey });
  return {
    vault,
    reopen: () => PostgresLeadVault.open({ databaseUrl, schema, wrappingKey }),
    dispose: async () => {
      await vault.close();
      await dropSchema(schema);
    },
  };
});

describe('the PostgreSQL lead vault', () => {
  let schema: string;
  let vaults: PostgresLeadVault[];

  /** Two vaults on one schema, each with its own pool: what two API processes see. */
  async function twoProcesses(): Promise<[PostgresLeadVault, PostgresLeadVault]> {
    vaults = await Promise.all(
      [1, 2].map(() => PostgresLeadVault.open({ databaseUrl, schema, wrappingKey })),
    );
    return [vaults[0], vaults[1]];
  }

  beforeEach(() => {
    schema = tempSchema('leadger_vault_test');
    vaults = [];
  });
  afterEach(async () => {
    await Promise.all(vaults.map((vault) => vault.close()));
    await dropSchema(schema);
  });

  it('migrates a new schema once when several processes start together', async () => {
    const [first, second] = await twoProcesses();
    const third = await PostgresLeadVault.open({ databaseUrl, schema, wrappingKey });
    vaults.push(third);
    expect(await sql(`SELECT version FROM ${schema}.vault_migrations`)).toEqual([{ version: 1 }]);
    const key = await first.dataKeyFor('lead-1');
    expect(await second.findDataKey('lead-1')).toEqual(key);
    expect(await third.findDataKey('lead-1')).toEqual(key);
  });

  it('refuses a process whose master key is not the one the vault was made with, even when both start at once', async () => {
    const outcomes = await Promise.allSettled(
      [wrappingKey, randomBytes(32)].map((key) =>
        PostgresLeadVault.open({ databaseUrl, schema, wrappingKey: key }),
      ),
    );
    for (const outcome of outcomes) if (outcome.status === 'fulfilled') vaults.push(outcome.value);
    const refusals = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []));
    expect(vaults).toHaveLength(1);
    expect(refusals).toEqual([expect.any(MasterKeyError)]);
    expect((refusals[0] as Error).message).toContain(`schema "${schema}" was made with another master key`);
    const again = await PostgresLeadVault.open({ databaseUrl, schema, wrappingKey: randomBytes(32) }).catch(
      (error: unknown) => error,
    );
    expect(again).toBeInstanceOf(MasterKeyError);
  });

  it('lets one of two processes racing to claim each email win, and both agree on it', async () => {
    const [one, two] = await twoProcesses();
    const emails = Array.from({ length: 20 }, (_, i) => `index-${i}`);
    const claims = await Promise.all(
      emails.map((email, i) =>
        Promise.all([one.claimEmail(email, `lead-${i}-a`), two.claimEmail(email, `lead-${i}-b`)]),
      ),
    );
    for (const [i, [fromOne, fromTwo]] of claims.entries()) {
      expect(fromOne).toBe(fromTwo);
      expect(await one.findEmail(emails[i])).toBe(fromOne);
      expect(await two.findEmail(emails[i])).toBe(fromOne);
      expect(await two.findDataKey(fromOne)).toEqual(await one.findDataKey(fromOne));
    }
    const [{ keys }] = await sql<{ keys: string }>(`SELECT count(*) AS keys FROM ${schema}.lead_keys`);
    expect(Number(keys)).toBe(emails.length);
  });

  it('gives two processes making the same lead’s key at once one key', async () => {
    const [one, two] = await twoProcesses();
    const [a, b] = await Promise.all([
      one.dataKeysFor(['lead-1', 'lead-2']),
      two.dataKeysFor(['lead-2', 'lead-1']),
    ]);
    expect(b).toEqual([a[1], a[0]]);
  });

  it('erases through one process for the other: no key, no email, no new key', async () => {
    const [one, two] = await twoProcesses();
    await one.claimEmail('index-a', 'lead-1');
    expect(await two.findDataKey('lead-1')).toHaveLength(32);
    await one.erase('lead-1');
    expect(await two.findDataKey('lead-1')).toBeNull();
    expect(await two.findEmail('index-a')).toBeNull();
    await expect(two.dataKeyFor('lead-1')).rejects.toBeInstanceOf(LeadErasedError);
    await expect(two.claimEmail('index-a', 'lead-1')).rejects.toBeInstanceOf(LeadErasedError);
  });

  describe('group commit of one process’s claims and keys', () => {
    /** How many transactions wrote the rows of `table`: rows one transaction inserted share its xmin. */
    const writers = async (table: string) =>
      Number(
        (await sql<{ n: string }>(`SELECT count(DISTINCT xmin::text) AS n FROM ${schema}.${table}`))[0].n,
      );

    it('commits fifty concurrent claims in at most two transactions, each claim its own lead and key', async () => {
      const [vault] = await twoProcesses();
      const claims = Array.from({ length: 50 }, (_, i) => [`index-${i}`, `lead-${i}`] as const);
      const winners = await Promise.all(claims.map(([email, lead]) => vault.claimEmail(email, lead)));
      expect(winners).toEqual(claims.map(([, lead]) => lead));
      for (const [email, lead] of claims) {
        expect(await vault.findEmail(email)).toBe(lead);
        expect(await vault.findDataKey(lead)).toHaveLength(32);
      }
      expect(await writers('email_index')).toBeLessThanOrEqual(2);
      expect(await writers('lead_keys')).toBeLessThanOrEqual(2);
    });

    it('answers claims of one email in one group with one winner, and makes only its key', async () => {
      const [vault] = await twoProcesses();
      const answers = await Promise.all(
        Array.from({ length: 10 }, (_, i) => vault.claimEmail('index-a', `lead-${i}`)),
      );
      expect(new Set(answers)).toEqual(new Set([answers[0]]));
      const [{ keys }] = await sql<{ keys: string }>(`SELECT count(*) AS keys FROM ${schema}.lead_keys`);
      expect(Number(keys)).toBe(1);
      expect(await vault.findDataKey(answers[0])).toHaveLength(32);
    });

    it('refuses only the erased lead’s claim and keys in a group, leaving its email free', async () => {
      const [vault] = await twoProcesses();
      await vault.erase('lead-erased');
      const outcomes = await Promise.allSettled([
        vault.claimEmail('index-0', 'lead-0'),
        vault.claimEmail('index-1', 'lead-1'),
        vault.claimEmail('index-x', 'lead-erased'),
        vault.dataKeysFor(['lead-5', 'lead-erased']),
        vault.dataKeysFor(['lead-6']),
        vault.claimEmail('index-2', 'lead-2'),
      ]);
      expect(outcomes.map((outcome) => outcome.status)).toEqual([
        'fulfilled',
        'fulfilled',
        'rejected',
        'rejected',
        'fulfilled',
        'fulfilled',
      ]);
      for (const i of [2, 3])
        expect((outcomes[i] as PromiseRejectedResult).reason).toEqual(new LeadErasedError('lead-erased'));
      expect(await vault.findEmail('index-x')).toBeNull();
      expect(await vault.findDataKey('lead-5')).toBeNull();
      expect(await vault.findDataKey('lead-6')).toHaveLength(32);
      for (const i of [0, 1, 2]) {
        expect(await vault.findEmail(`index-${i}`)).toBe(`lead-${i}`);
        expect(await vault.findDataKey(`lead-${i}`)).toHaveLength(32);
      }
    });

    it('lets claims handed in before close finish', async () => {
      const [vault] = await twoProcesses();
      const claiming = Promise.all([
        vault.claimEmail('index-0', 'lead-0'),
        vault.claimEmail('index-1', 'lead-1'),
      ]);
      await vault.close();
      vaults = [];
      expect(await claiming).toEqual(['lead-0', 'lead-1']);
      const [{ emails }] = await sql<{ emails: string }>(
        `SELECT count(*) AS emails FROM ${schema}.email_index`,
      );
      expect(Number(emails)).toBe(2);
    });
  });

  describe('erasure and the old row versions PostgreSQL keeps', () => {
    // Thirty keys fill part of one page; the last written sits lowest on it, where compaction would leave
    // an old version's bytes uncovered, and one in the middle is covered by the rows below it.
    const leads = Array.from({ length: 30 }, (_, i) => `lead-${String(i).padStart(2, '0')}`);
    const [last, middle] = ['lead-29', 'lead-03'];

    async function vaultWithKeys(erasureVacuumWaitMs?: number): Promise<PostgresLeadVault> {
      const vault = await PostgresLeadVault.open({ databaseUrl, schema, wrappingKey, erasureVacuumWaitMs });
      vaults.push(vault);
      await vault.dataKeysFor(leads);
      return vault;
    }

    const wrappedOf = async (leadId: string) =>
      (
        await sql<{ wrapped: string }>(`SELECT wrapped FROM ${schema}.lead_keys WHERE lead_id = $1`, [leadId])
      )[0].wrapped;

    let sessions: Client[] = [];
    afterEach(async () => {
      await Promise.all(sessions.map((session) => session.end()));
      sessions = [];
    });

    /** A session holding a snapshot taken now, as a long report or `pg_dump` would. */
    async function olderSnapshot(): Promise<Client> {
      const client = new Client({ connectionString: databaseUrl });
      sessions.push(client);
      await client.connect();
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
      await client.query('SELECT 1');
      return client;
    }

    it('keeps data keys wrapped, and leaves no copy of an erased wrapped key in the table’s pages', async () => {
      const vault = await vaultWithKeys();
      const key = await vault.findDataKey(last);
      const wrapped = [await wrappedOf(last), await wrappedOf(middle)];
      const before = await keyTableBytes();
      expect(before.includes(key as Buffer)).toBe(false);
      expect(remnantsOf(wrapped[0], before)).toEqual(slicesOf(wrapped[0]));

      await vault.erase(last);
      expect(remnantsOf(wrapped[0], await keyTableBytes())).toEqual([]);
      await vault.erase(middle);
      expect(remnantsOf(wrapped[1], await keyTableBytes())).toEqual([]);
    });

    it('waits for a snapshot older than the erasure to end, then vacuums the old key away', async () => {
      const vault = await vaultWithKeys();
      const wrapped = await wrappedOf(last);
      const snapshot = await olderSnapshot();
      const erasing = vault.erase(last);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await snapshot.query('COMMIT');
      await erasing;
      expect(remnantsOf(wrapped, await keyTableBytes())).toEqual([]);
    });

    it('leaves the old key to the next erasure when an older snapshot outlasts the wait', async () => {
      const vault = await vaultWithKeys(200);
      const wrapped = await wrappedOf(last);
      const snapshot = await olderSnapshot();
      await vault.erase(last);
      expect(await vault.findDataKey(last)).toBeNull();
      expect(remnantsOf(wrapped, await keyTableBytes())).toEqual(slicesOf(wrapped));
      await snapshot.query('COMMIT');

      await vault.erase(middle);
      expect(remnantsOf(wrapped, await keyTableBytes())).toEqual([]);
    });
  });

  /** Overlapping 12-character slices of a wrapped key, past its `v1.` prefix: any of them is a remnant. */
  function slicesOf(wrapped: string): string[] {
    return Array.from({ length: Math.floor((wrapped.length - 15) / 4) + 1 }, (_, i) =>
      wrapped.slice(3 + 4 * i, 15 + 4 * i),
    );
  }

  /** The slices of a wrapped key that `bytes` holds. */
  function remnantsOf(wrapped: string, bytes: Buffer): string[] {
    return slicesOf(wrapped).filter((slice) => bytes.includes(Buffer.from(slice)));
  }

  /**
   * The key table's file as the server stores it, after a CHECKPOINT wrote its buffers out. Needs a
   * superuser, as the default test URL is.
   */
  async function keyTableBytes(): Promise<Buffer> {
    const [{ file }] = await sql<{ file: string }>(`SELECT pg_relation_filepath($1) AS file`, [
      `${schema}.lead_keys`,
    ]);
    await sql('CHECKPOINT');
    const [{ content }] = await sql<{ content: Buffer }>('SELECT pg_read_binary_file($1) AS content', [file]);
    return content;
  }
});
