/**
 * Where each lead's data key and the email blind index live: apart from the event log, because erasure
 * must be able to destroy them while the log keeps every event. A lead's personal fields are sealed with
 * its data key; once the key is destroyed they can never be read again, and once its index entry is gone
 * a new capture of the same address is a new lead. It also records when API keys were last used: mutable
 * bookkeeping that has no place in the log.
 */
/** Where API key use is recorded across processes, for `lastUsedAt`. */
export interface KeyUseLog {
  /** Records that the key proved a request at `at` (epoch ms). */
  recordKeyUse(keyId: string, at: number): Promise<void>;
  /** The latest recorded use of each key. */
  keyUses(): Promise<ReadonlyMap<string, number>>;
}

export interface LeadVault extends KeyUseLog {
  /** The lead's data key, made on first use; throws `LeadErasedError` once the lead was erased. */
  dataKeyFor(leadId: string): Promise<Buffer>;
  /** `dataKeyFor` of many leads at once (a seed or an import), in their order. */
  dataKeysFor(leadIds: readonly string[]): Promise<Buffer[]>;
  /** The lead's data key, or null when it has none or was erased (personal data then reads as erased). */
  findDataKey(leadId: string): Promise<Buffer | null>;
  /** The lead an email index names, or null. */
  findEmail(emailIndex: string): Promise<string | null>;
  /**
   * Names `candidate` as the lead of `emailIndex` unless another lead already is (two captures racing);
   * answers the lead it names now. A new lead's data key may be made in the same write.
   */
  claimEmail(emailIndex: string, candidate: string): Promise<string>;
  /** Destroys the lead's data key and removes its email index entry, for good. Idempotent. */
  erase(leadId: string): Promise<void>;
  close(): Promise<void>;
}

/** A lead whose personal data was erased: it gets no new data key. */
export class LeadErasedError extends Error {
  readonly code = 'erased';

  constructor(readonly leadId: string) {
    super(`lead ${leadId} was erased: its personal data can no longer be written or read`);
    this.name = 'LeadErasedError';
  }
}
