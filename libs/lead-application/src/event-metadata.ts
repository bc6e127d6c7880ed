import type { JsonObject } from '@leadger/event-store';

/** Bumped when an event type's payload changes shape; readers upcast older versions. */
export const SCHEMA_VERSION = 1;

/** Which policy issued a command, by which rule, under which version of the rules (`GET /policies`). */
export interface PolicyStamp extends JsonObject {
  readonly name: string;
  /** Where in the rules document the decision came from, e.g. `mql.rules.enterprise-fit`. */
  readonly rule: string;
  /** The rules' digest: the `PoliciesChanged` event in the `policies` stream holds that whole document. */
  readonly digest: string;
}

/** Metadata stored with every lead event. `hash` chains each event to the one before it in its stream. */
export interface EventMetadata extends JsonObject {
  /** Who issued the command: the authenticated principal (a person, a service, `cli:<user>`, `policy:<name>`). */
  readonly actor: string;
  /** The person a service acted for (X-On-Behalf-Of), or null. */
  readonly onBehalfOf: string | null;
  /** The command that produced the event; the client's Idempotency-Key when one was sent. */
  readonly commandId: string;
  /** The command's type, so a reused idempotency key with another command can be told apart. */
  readonly command: string;
  readonly correlationId: string;
  readonly causationId: string;
  /** When it happened in the business (may be in the past for imports). */
  readonly occurredAt: string;
  /** When Leadger took it. */
  readonly recordedAt: string;
  readonly schemaVersion: number;
  /** `hash` of the previous event in the stream; null for the first. */
  readonly prevHash: string | null;
  /** Digest of the client's request (null when none was given), so a reused key with another body is refused. */
  readonly requestHash: string | null;
  /** The policy that issued the command, or null for a person or service (absent in events older than 0.3). */
  readonly policy: PolicyStamp | null;
  /** SHA-256 over the stream, revision, id, type, data and the rest of this metadata. */
  readonly hash: string;
}
