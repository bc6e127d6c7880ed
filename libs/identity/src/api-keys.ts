import { randomUUID, timingSafeEqual } from 'node:crypto';
import { StreamsFollower, type EventStore, type RecordedEvent } from '@leadger/event-store';
import { apiKeyMatches, hashApiKey, keyIdOf, newApiKey } from './api-key-token';
import type { KeyUseLog } from './lead-vault';
import { AuthenticationError, type Principal } from './principal';
import { roles as knownRoles, type Role } from './roles';

// API keys live in the event log, one stream per key (`apikey-<keyId>`): who issued or revoked which key,
// when, is there for an auditor like any lead's history. Only an HMAC of each key is stored.

export const API_KEY_STREAM_PREFIX = 'apikey-';

/** A key as listed: never the key itself. */
export interface ApiKeyRecord {
  readonly keyId: string;
  /** The principal's id: events record it as their actor, and a sales rep's is their owner name. */
  readonly name: string;
  readonly roles: readonly Role[];
  readonly issuedAt: string;
  readonly issuedBy: string;
  readonly revokedAt: string | null;
  readonly revokedBy: string | null;
  /** When the key last proved a request, if this process or another has recorded it. */
  readonly lastUsedAt: string | null;
}

/** A key name or role list the registry will not take; `field` names which. */
export class ApiKeyInputError extends Error {
  readonly code = 'invalid_input';

  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field} ${problem}`);
    this.name = 'ApiKeyInputError';
  }

  problemFields(): Record<string, unknown> {
    return { errors: [{ field: this.field, message: this.problem }] };
  }
}

interface Held extends Omit<ApiKeyRecord, 'lastUsedAt'> {
  readonly hash: string;
}

/** Names: lower-case letters, digits and `._@-`, starting with a letter or digit; never `:` (kept for cli:, policy:). */
const NAME = /^[a-z0-9][a-z0-9._@-]{0,63}$/;

/**
 * The API keys of a deployment: issued, listed, revoked and checked. Every process keeps the keys in
 * memory and reads the key streams again at most once per `refreshMs` when asked about them, so a key
 * revoked in one process stops working in the others within that time.
 */
export class ApiKeys {
  private readonly follower: StreamsFollower;
  private readonly keys = new Map<string, Held>();
  private readonly usedAt = new Map<string, number>();
  /**
   * The token each key was last proven with: the same token again is compared in constant time instead of
   * HMAC'd again on every request. Revocation is still checked on the key each time.
   */
  private readonly proven = new Map<string, Buffer>();

  constructor(
    private readonly store: EventStore,
    private readonly apiKeysKey: Buffer,
    private readonly uses: KeyUseLog,
    private readonly options: { readonly refreshMs?: number; readonly clock?: () => Date } = {},
  ) {
    this.follower = new StreamsFollower(store, API_KEY_STREAM_PREFIX, (event) => this.apply(event));
  }

  /** Issues a key; the token is shown once and never stored. */
  async issue(
    name: string,
    roles: readonly string[],
    issuedBy: string,
  ): Promise<{ token: string; key: ApiKeyRecord }> {
    if (!NAME.test(name))
      throw new ApiKeyInputError(
        'name',
        'must be 1-64 of a-z, 0-9 and ._@-, starting with a letter or digit',
      );
    const unknown = roles.filter((role) => !(knownRoles as readonly string[]).includes(role));
    if (roles.length === 0 || unknown.length > 0)
      throw new ApiKeyInputError('roles', `must be one or more of ${knownRoles.join(', ')}`);
    await this.refresh(0);
    if ([...this.keys.values()].some((key) => key.name === name && key.revokedAt === null))
      throw new ApiKeyInputError('name', `is already the name of a key; revoke it first`);
    const { keyId, token } = newApiKey();
    const at = this.now();
    const data = { keyId, name, roles: [...new Set(roles)], hash: hashApiKey(this.apiKeysKey, token) };
    await this.store.appendToStream(
      `${API_KEY_STREAM_PREFIX}${keyId}`,
      [
        {
          id: randomUUID(),
          type: 'ApiKeyIssued',
          data,
          metadata: { actor: issuedBy, occurredAt: at, recordedAt: at },
        },
      ],
      'no_stream',
    );
    await this.refresh(0);
    return { token, key: await this.record(this.keys.get(keyId)!) };
  }

  /** Revokes every live key of that name; answers them (none: the name is unknown or already revoked). */
  async revoke(name: string, revokedBy: string): Promise<ApiKeyRecord[]> {
    await this.refresh(0);
    const live = [...this.keys.values()].filter((key) => key.name === name && key.revokedAt === null);
    const at = this.now();
    for (const key of live) {
      const event = {
        id: randomUUID(),
        type: 'ApiKeyRevoked',
        data: { keyId: key.keyId, name },
        metadata: { actor: revokedBy, occurredAt: at, recordedAt: at },
      };
      await this.store.appendToStream(`${API_KEY_STREAM_PREFIX}${key.keyId}`, [event], 'stream_exists');
    }
    await this.refresh(0);
    return Promise.all(live.map((key) => this.record(this.keys.get(key.keyId)!)));
  }

  /** Every key ever issued, newest first, revoked ones included. */
  async list(): Promise<ApiKeyRecord[]> {
    await this.refresh(0);
    // Newest first; keys issued in the same millisecond keep the log's order, newest first too.
    const held = [...this.keys.values()].reverse().sort((a, b) => b.issuedAt.localeCompare(a.issuedAt));
    const uses = await this.uses.keyUses();
    return held.map((key) => this.recordOf(key, uses));
  }

  /** The principal a bearer API key proves, or AuthenticationError. */
  async authenticate(token: string): Promise<Principal> {
    const keyId = keyIdOf(token);
    if (!keyId) throw new AuthenticationError('not a Leadger API key');
    await this.refresh(this.options.refreshMs ?? 1000);
    let key = this.keys.get(keyId);
    // A key issued by another process a moment ago: read the key streams again before refusing it, but
    // not for every guess of a flood of made-up keys.
    if (!key) {
      await this.refresh(100);
      key = this.keys.get(keyId);
    }
    if (!key || !this.proves(keyId, token, key.hash)) throw new AuthenticationError('unknown API key');
    if (key.revokedAt !== null) throw new AuthenticationError('the API key was revoked');
    this.noteUse(keyId);
    return { id: key.name, roles: key.roles, via: 'api-key' };
  }

  private proves(keyId: string, token: string, hash: string): boolean {
    const given = Buffer.from(token, 'utf8');
    const known = this.proven.get(keyId);
    if (known && known.length === given.length && timingSafeEqual(known, given)) return true;
    if (!apiKeyMatches(this.apiKeysKey, token, hash)) return false;
    this.proven.set(keyId, given);
    return true;
  }

  /** Whether any key was ever issued: a data dir without one gets a bootstrap admin key. */
  async any(): Promise<boolean> {
    await this.refresh(0);
    return this.keys.size > 0;
  }

  private async record(key: Held): Promise<ApiKeyRecord> {
    return this.recordOf(key, await this.uses.keyUses());
  }

  private recordOf({ hash: _hash, ...key }: Held, uses: ReadonlyMap<string, number>): ApiKeyRecord {
    const used = Math.max(uses.get(key.keyId) ?? 0, this.usedAt.get(key.keyId) ?? 0);
    return { ...key, lastUsedAt: used > 0 ? new Date(used).toISOString() : null };
  }

  /** Records a use at most once a minute per key, so a busy key costs one write a minute. */
  private noteUse(keyId: string): void {
    const now = Date.now();
    const last = this.usedAt.get(keyId) ?? 0;
    this.usedAt.set(keyId, now);
    if (now - last >= 60_000) void this.uses.recordKeyUse(keyId, now).catch(() => undefined);
  }

  private refresh(maxAgeMs: number): Promise<void> {
    return this.follower.refresh(maxAgeMs);
  }

  private apply(event: RecordedEvent): void {
    const keyId = String(event.data.keyId);
    const at = String(event.metadata.occurredAt);
    const by = String(event.metadata.actor);
    if (event.type === 'ApiKeyIssued') {
      const roles = (event.data.roles as string[]).filter((role): role is Role =>
        (knownRoles as readonly string[]).includes(role),
      );
      this.keys.set(keyId, {
        keyId,
        name: String(event.data.name),
        roles,
        hash: String(event.data.hash),
        issuedAt: at,
        issuedBy: by,
        revokedAt: null,
        revokedBy: null,
      });
    } else if (event.type === 'ApiKeyRevoked') {
      const key = this.keys.get(keyId);
      if (key) this.keys.set(keyId, { ...key, revokedAt: at, revokedBy: by });
    }
  }

  private now(): string {
    return (this.options.clock?.() ?? new Date()).toISOString();
  }
}
