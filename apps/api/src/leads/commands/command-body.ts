import { createHmac } from 'node:crypto';
import type { Json } from '@leadger/event-store';
import { canonicalJson } from '@leadger/lead-application';
import type { LeadCommandOf, LeadCommandType } from '@leadger/lead-domain';
import { Timestamp } from '../../validation/fields';
import type { CommandFill } from '../command-fill';

/** Fields every command body may carry. */
export abstract class CommandBody {
  @Timestamp({
    optional: true,
    description: 'When it happened in the business; default now. Set it for imports and backfill.',
  })
  readonly occurredAt?: string;
}

/** The domain command of a type, stamped with the business time the fill settled on. */
export function command<T extends LeadCommandType>(
  type: T,
  data: LeadCommandOf<T>['data'],
  fill: CommandFill,
): LeadCommandOf<T> {
  return { type, data, metadata: { occurredAt: fill.occurredAt } } as LeadCommandOf<T>;
}

/**
 * A digest of the validated body as the client sent it, before times and policy dates are filled in, so a
 * retry of the same request matches however much later it comes, and the same key with another body does
 * not. Keyed (HMAC), since the body may hold an email: the digest kept in the log confirms nothing to
 * anyone without the key.
 */
export function requestHash(digestKey: Buffer, body: object): string {
  return createHmac('sha256', digestKey)
    .update(canonicalJson(body as unknown as Json))
    .digest('hex');
}
