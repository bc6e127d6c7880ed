import { EventStoreUnavailableError } from '@leadger/event-store';
import { LeadErasedError, type LeadVault } from '../lead-vault';
import { MasterKeyError } from '../master-key';

/**
 * The PostgreSQL vault as the programs use it: opened on first use (and again after a failed try), so an
 * API started while PostgreSQL is down comes up and answers health, as it does with the event store in that
 * database; and a server out of reach reads as `EventStoreUnavailableError` (503, retry), the same answer
 * the event store beside it gives, never as an unexplained failure. Refusals (an erased lead, the wrong
 * master key) pass as they are.
 */
export class GuardedVault implements LeadVault {
  private opening: Promise<LeadVault> | undefined;

  constructor(
    private readonly name: string,
    private readonly open: () => Promise<LeadVault>,
  ) {}

  dataKeyFor(leadId: string): Promise<Buffer> {
    return this.use('data key', (vault) => vault.dataKeyFor(leadId));
  }

  dataKeysFor(leadIds: readonly string[]): Promise<Buffer[]> {
    return this.use('data keys', (vault) => vault.dataKeysFor(leadIds));
  }

  findDataKey(leadId: string): Promise<Buffer | null> {
    return this.use('data key', (vault) => vault.findDataKey(leadId));
  }

  findEmail(emailIndex: string): Promise<string | null> {
    return this.use('email index', (vault) => vault.findEmail(emailIndex));
  }

  claimEmail(emailIndex: string, candidate: string): Promise<string> {
    return this.use('email claim', (vault) => vault.claimEmail(emailIndex, candidate));
  }

  erase(leadId: string): Promise<void> {
    return this.use('erasure', (vault) => vault.erase(leadId));
  }

  recordKeyUse(keyId: string, at: number): Promise<void> {
    return this.use('key use', (vault) => vault.recordKeyUse(keyId, at));
  }

  keyUses(): Promise<ReadonlyMap<string, number>> {
    return this.use('key uses', (vault) => vault.keyUses());
  }

  async close(): Promise<void> {
    const opened = await this.opening?.catch(() => undefined);
    this.opening = undefined;
    await opened?.close();
  }

  private async use<T>(what: string, call: (vault: LeadVault) => Promise<T>): Promise<T> {
    try {
      this.opening ??= this.open().catch((error: unknown) => {
        this.opening = undefined;
        throw error;
      });
      return await call(await this.opening);
    } catch (error) {
      if (
        error instanceof LeadErasedError ||
        error instanceof MasterKeyError ||
        error instanceof EventStoreUnavailableError
      )
        throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw new EventStoreUnavailableError(`${this.name}: ${what} failed: ${reason}`, { cause: error });
    }
  }
}
