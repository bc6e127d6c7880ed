import type { EventData, JsonObject } from '@leadger/event-store';
import type { DomainMetadata } from '@leadger/lead-domain';
import { parse as parseUuid, v5 as uuidv5 } from 'uuid';
import { SCHEMA_VERSION, type PolicyStamp } from './event-metadata';
import { hashEvent } from './hash-chain';
import type { LoadedStream } from './loaded-stream';

/** Namespace for event ids derived from the command id, so a retried append carries the same ids. */
const EVENT_ID_NAMESPACE = '6f1f8c0e-5a43-4d0e-9a57-1c1f0d3b7a21';
/** Parsed once: uuid would parse the text form on every call, and every appended event gets an id. */
const EVENT_ID_NAMESPACE_BYTES = parseUuid(EVENT_ID_NAMESPACE);

interface Issued {
  readonly actor: string;
  readonly onBehalfOf?: string;
  readonly commandId: string;
  readonly command: string;
  readonly correlationId?: string;
  readonly causationId?: string;
  readonly requestHash?: string;
  readonly policy?: PolicyStamp;
}

/** A decided event with its data as it is stored (a lead's personal fields sealed). */
export interface DecidedEvent {
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: DomainMetadata;
}

/**
 * Decided events as the store takes them: deterministic ids, full metadata, hash-chained to the stream
 * they are appended to (a lead's, or an owner's of the roster).
 */
export function toEventData(
  head: LoadedStream<unknown>,
  events: readonly DecidedEvent[],
  issued: Issued,
  now: Date,
): EventData[] {
  let prevHash = head.events.length > 0 ? String(head.events[head.events.length - 1].metadata.hash) : null;
  let revision = head.revision === 'no_stream' ? 0n : head.revision + 1n;
  return events.map((event, index) => {
    const id = uuidv5(`${issued.commandId}/${index}`, EVENT_ID_NAMESPACE_BYTES);
    const data: JsonObject = event.data;
    const metadata: JsonObject = {
      actor: issued.actor,
      onBehalfOf: issued.onBehalfOf ?? null,
      commandId: issued.commandId,
      command: issued.command,
      correlationId: issued.correlationId ?? issued.commandId,
      causationId: issued.causationId ?? issued.commandId,
      occurredAt: event.metadata.occurredAt,
      recordedAt: now.toISOString(),
      schemaVersion: SCHEMA_VERSION,
      prevHash,
      requestHash: issued.requestHash ?? null,
      policy: issued.policy ?? null,
    };
    const hash = hashEvent({ stream: head.stream, revision, id, type: event.type, data, metadata });
    prevHash = hash;
    revision += 1n;
    return { id, type: event.type, data, metadata: { ...metadata, hash } };
  });
}
