import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { waitForPosition } from '@leadger/projections';
import type { ReadStore } from '@leadger/read-store';

/** The `?after=` every read-model query accepts. */
export class AfterQueryDto {
  @ApiPropertyOptional({
    description:
      'A `position` from a command answer: the query waits (bounded by LEADGER_READ_WAIT_MS) until the ' +
      'read model reflects it, so a client reads its own writes.',
    example: '1042',
  })
  @IsOptional()
  @Matches(/^\d{1,20}$/, { message: '$property must be a position: a decimal string, e.g. "1042"' })
  readonly after?: string;
}

/** The read model did not reach the asked position in time; the client may retry shortly. */
export class ReadModelBehindError extends Error {
  readonly code = 'read_model_behind';

  constructor(
    readonly after: string,
    readonly position: string | null,
  ) {
    super(`the read model is at position ${position ?? 'none'}, not yet at ${after}; retry shortly`);
    this.name = 'ReadModelBehindError';
  }

  problemFields(): Record<string, unknown> {
    return { after: this.after, position: this.position };
  }
}

/**
 * Waits until every named read model reflects `after` (when given) in the log of the event store `storeId`
 * names, or refuses with ReadModelBehindError.
 */
export async function awaitPosition(
  store: ReadStore,
  names: readonly string[],
  after: string | undefined,
  waitMs: number,
  storeId: () => Promise<string>,
): Promise<void> {
  if (after === undefined) return;
  const wait = await waitForPosition(store, names, BigInt(after), waitMs, undefined, await storeId());
  if (!wait.reached) throw new ReadModelBehindError(after, wait.position);
}
