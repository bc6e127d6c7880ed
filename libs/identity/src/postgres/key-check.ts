import { createHmac } from 'node:crypto';
import { escapeIdentifier, type Pool } from 'pg';
import { MasterKeyError } from '../master-key';

/**
 * Refuses a wrapping key other than the one the vault was made with. Every process of a deployment opens
 * the same tables, each with the master key it was given; one started with another key (a `master.key`
 * made in its own data dir, a mistyped LEADGER_MASTER_KEY) would wrap keys the others cannot open and
 * index emails the others cannot find. The first process to open the vault stores an HMAC of a constant
 * under its wrapping key: it tells nothing of the key, and a racing first process finds the winner's.
 */
export async function checkWrappingKey(pool: Pool, schema: string, wrappingKey: Buffer): Promise<void> {
  const table = `${escapeIdentifier(schema)}.vault_key_check`;
  const mine = createHmac('sha256', wrappingKey).update('leadger vault key check').digest('base64');
  await pool.query(`INSERT INTO ${table} (check_value) VALUES ($1) ON CONFLICT (id) DO NOTHING`, [mine]);
  const { rows } = await pool.query<{ check_value: string }>(`SELECT check_value FROM ${table}`);
  if (rows[0].check_value !== mine)
    throw new MasterKeyError(
      `the vault in schema "${schema}" was made with another master key: give every process the same LEADGER_MASTER_KEY (the one the vault was made with)`,
    );
}
