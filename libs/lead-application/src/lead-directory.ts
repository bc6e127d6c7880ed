import { randomUUID } from 'node:crypto';
import { emailIndex, suspectIndex, type LeadVault } from '@leadger/identity';
import { normalizeEmail } from '@leadger/lead-domain';

/**
 * Finds a lead by its email through the blind index, so one address is one lead while nobody can compute
 * a lead id from an address. A lead id is random, claimed for the address in the vault at its first
 * capture; two captures racing for one address meet on the one the vault let win.
 */
export class LeadDirectory {
  constructor(
    private readonly vault: LeadVault,
    private readonly blindIndexKey: Buffer,
  ) {}

  /** The lead of this email, claimed for `candidate` (default: a new random id) when it has none yet. */
  async forCapture(email: string, candidate: string = randomUUID()): Promise<string> {
    const index = emailIndex(this.blindIndexKey, normalizeEmail(email));
    return (await this.vault.findEmail(index)) ?? this.vault.claimEmail(index, candidate);
  }

  /**
   * The stream of an anonymous visitor: named by the blind index of its cookie id, so the log and the read
   * models never hold the cookie id itself, and an erased lead's visits cannot be traced back to it.
   */
  suspectStream = (anonymousId: string): string => `suspect-${suspectIndex(this.blindIndexKey, anonymousId)}`;

  /** The lead of this email, or null (never captured, or erased). */
  find(email: string): Promise<string | null> {
    return this.vault.findEmail(emailIndex(this.blindIndexKey, normalizeEmail(email)));
  }
}
