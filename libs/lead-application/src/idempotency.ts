import type { JsonObject } from '@leadger/event-store';
import { IdempotencyKeyReusedError } from './errors';

/**
 * Lets a retry be answered from the events its idempotency key appended (`first` is the first one's
 * metadata) only when it is the same request: the same command and, when both were kept, the same digest.
 */
export function checkSameRequest(first: JsonObject, command: string, requestHash: string | undefined): void {
  const { command: firstCommand, commandId, requestHash: firstHash } = first;
  // Events written before digests were kept, or by a caller that sends none, compare by command type only.
  const sameRequest = requestHash === undefined || typeof firstHash !== 'string' || firstHash === requestHash;
  if (firstCommand !== command || !sameRequest)
    throw new IdempotencyKeyReusedError(String(commandId), String(firstCommand), command);
}
