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
