import type { Json, JsonObject } from '@leadger/event-store';
import { open, seal, type LeadVault } from '@leadger/identity';
import { personalFields, type LeadEvent } from '@leadger/lead-domain';

// How personal fields are stored: nulled in the event's data, their values sealed together (AES-256-GCM,
// the lead's own data key, bound to the lead id) in one `personal` field. An event type with personal
// fields always has `personal`, null when it had no value to seal, so stored payloads keep one shape.

export const SEALED_FIELD = 'personal';

/** How a reader sees personal fields: in clear, masked (an analyst), or gone (the lead was erased). */
export type PersonalDataView = 'shown' | 'masked' | 'erased';

/** A decided event with its data as it is stored. */
export type StoredLeadEvent = Omit<LeadEvent, 'data'> & { readonly data: JsonObject };

/**
 * Seals and opens the personal fields of lead events with each lead's data key from the vault. Keys used
 * to seal are kept (a capture and the commands after it need the same one); keys to open are fetched each
 * time, so a reader never opens with a key that another process has since erased.
 */
export class PersonalData {
  private readonly keptKeys = new Map<string, Buffer>();

  constructor(
    readonly vault: LeadVault,
    private readonly capacity = 10_000,
  ) {}

  /** The events as stored, personal fields sealed; the lead's data key is made the first time one is needed. */
  async seal(leadId: string, events: readonly LeadEvent[]): Promise<StoredLeadEvent[]> {
    const key = events.some(hasPersonalData) ? await this.sealingKey(leadId) : null;
    return sealEvents(events, key);
  }

  /** The key that opens the lead's personal fields, or null once it was erased. */
  openingKey(leadId: string): Promise<Buffer | null> {
    return this.vault.findDataKey(leadId);
  }

  /** Destroys the lead's key and email index entry for good, here and in the vault. */
  async erase(leadId: string): Promise<void> {
    this.keptKeys.delete(leadId);
    await this.vault.erase(leadId);
  }

  /** The data keys of many leads for sealing, made where missing, in one go: a seed or an import. */
  sealingKeys(leadIds: readonly string[]): Promise<Buffer[]> {
    return this.vault.dataKeysFor(leadIds);
  }

  /** The lead's data key for sealing, made on first use: for writers that seal a whole run at once. */
  async sealingKey(leadId: string): Promise<Buffer> {
    const kept = this.keptKeys.get(leadId);
    if (kept) return kept;
    const key = await this.vault.dataKeyFor(leadId);
    if (this.keptKeys.size >= this.capacity)
      this.keptKeys.delete(this.keptKeys.keys().next().value as string);
    this.keptKeys.set(leadId, key);
    return key;
  }
}

/** The events as stored, sealed with `key` (null when none of them holds a personal value). */
export function sealEvents(events: readonly LeadEvent[], key: Buffer | null): StoredLeadEvent[] {
  return events.map((event) => ({ ...event, data: sealPersonalData(event, key) }));
}

/** Whether the event holds a personal value to seal: only then is the lead's data key needed. */
export function hasPersonalData(event: LeadEvent): boolean {
  const data = event.data as Readonly<Record<string, unknown>>;
  return personalFields[event.type].some((field) => data[field] != null);
}

/** The event's data as stored: personal fields null, their values sealed under `key` (null: none to seal). */
export function sealPersonalData(event: LeadEvent, key: Buffer | null): JsonObject {
  const fields = personalFields[event.type];
  const data = event.data as unknown as JsonObject;
  if (fields.length === 0) return data;
  const stored: Record<string, Json> = { ...data };
  const personal: Record<string, Json> = {};
  for (const field of fields) {
    if (data[field] != null) personal[field] = data[field];
    stored[field] = null;
  }
  const sealed = Object.keys(personal).length > 0;
  if (sealed && !key) throw new Error(`${event.type}: personal data to seal but no data key`);
  stored[SEALED_FIELD] = sealed && key ? sealJson(key, String(data.leadId), personal) : null;
  return stored;
}

/**
 * The stored data with its personal fields back in place when `key` opens them; with no key (the lead was
 * erased, or the reader may not see them) they stay null. The sealed field itself is never passed on.
 */
export function openPersonalData(data: JsonObject, key: Buffer | null): JsonObject {
  if (!(SEALED_FIELD in data)) return data;
  const { [SEALED_FIELD]: sealed, ...rest } = data;
  if (!key || typeof sealed !== 'string') return rest;
  return { ...rest, ...openJson(key, String(data.leadId), sealed) };
}

export function sealJson(key: Buffer, leadId: string, value: JsonObject): string {
  return seal(key, leadId, Buffer.from(JSON.stringify(value), 'utf8'));
}

export function openJson(key: Buffer, leadId: string, sealed: string): JsonObject {
  return JSON.parse(open(key, leadId, sealed).toString('utf8')) as JsonObject;
}
