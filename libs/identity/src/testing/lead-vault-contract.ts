import { LeadErasedError, type LeadVault } from '../lead-vault';

/** A fresh, empty vault, and how to throw it away. `reopen` opens a second handle on the same vault. */
export interface VaultUnderTest {
  readonly vault: LeadVault;
  reopen(): Promise<LeadVault>;
  dispose(): Promise<void>;
}

/**
 * What every lead vault must do, whatever stores it: run once per adapter, each test on a vault of its own.
 * What only one adapter can show (a file's bytes, a server's other connections) stays in its own spec.
 */
export function leadVaultContract(adapterName: string, factory: () => Promise<VaultUnderTest>): void {
  describe(`lead vault contract: ${adapterName}`, () => {
    let subject: VaultUnderTest;
    let vault: LeadVault;

    beforeEach(async () => {
      subject = await factory();
      vault = subject.vault;
    });
    afterEach(async () => {
      await subject.dispose();
    });

    it('makes a lead’s data key once and finds it again, also from another handle', async () => {
      const key = await vault.dataKeyFor('lead-1');
      expect(key).toHaveLength(32);
      expect(await vault.dataKeyFor('lead-1')).toEqual(key);
      const other = await subject.reopen();
      try {
        expect(await other.findDataKey('lead-1')).toEqual(key);
        expect(await other.findDataKey('lead-2')).toBeNull();
      } finally {
        await other.close();
      }
    });

    it('answers many leads’ keys in their order, making the missing ones, each lead its own', async () => {
      const second = await vault.dataKeyFor('lead-2');
      const keys = await vault.dataKeysFor(['lead-3', 'lead-2', 'lead-1', 'lead-3']);
      expect(keys[1]).toEqual(second);
      expect(keys[3]).toEqual(keys[0]);
      expect(new Set(keys.map((key) => key.toString('hex'))).size).toBe(3);
      expect(await vault.findDataKey('lead-1')).toEqual(keys[2]);
      expect(await vault.dataKeysFor([])).toEqual([]);
    });

    it('lets one of two racing claims of an email win, and answers the winner to both', async () => {
      const [first, second] = await Promise.all([
        vault.claimEmail('index-a', 'lead-1'),
        vault.claimEmail('index-a', 'lead-2'),
      ]);
      expect(first).toBe(second);
      expect(['lead-1', 'lead-2']).toContain(first);
      expect(await vault.findEmail('index-a')).toBe(first);
      expect(await vault.findDataKey(first)).toHaveLength(32);
      const loser = first === 'lead-1' ? 'lead-2' : 'lead-1';
      expect(await vault.findDataKey(loser)).toBeNull();
    });

    it('erases for good: no key, no index entry, no new key, and a new claim of the email is free', async () => {
      await vault.claimEmail('index-a', 'lead-1');
      await vault.erase('lead-1');
      await vault.erase('lead-1');
      expect(await vault.findDataKey('lead-1')).toBeNull();
      expect(await vault.findEmail('index-a')).toBeNull();
      await expect(vault.dataKeyFor('lead-1')).rejects.toBeInstanceOf(LeadErasedError);
      await expect(vault.dataKeysFor(['lead-2', 'lead-1'])).rejects.toMatchObject({ leadId: 'lead-1' });
      expect(await vault.findDataKey('lead-2')).toBeNull();
      expect(await vault.claimEmail('index-a', 'lead-9')).toBe('lead-9');
    });

    it('refuses an erased lead’s claim of an email, leaving the email free', async () => {
      await vault.erase('lead-1');
      await expect(vault.claimEmail('index-a', 'lead-1')).rejects.toBeInstanceOf(LeadErasedError);
      expect(await vault.findEmail('index-a')).toBeNull();
    });

    it('keeps the latest use of each API key, whatever order uses are recorded in', async () => {
      await vault.recordKeyUse('key-1', 2000);
      await vault.recordKeyUse('key-1', 1000);
      await vault.recordKeyUse('key-2', 5);
      await vault.recordKeyUse('key-2', 7);
      expect(await vault.keyUses()).toEqual(
        new Map([
          ['key-1', 2000],
          ['key-2', 7],
        ]),
      );
    });
  });
}
