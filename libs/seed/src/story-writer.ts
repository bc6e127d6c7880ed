import { LeadDraft } from '@leadger/lead-application';
import type { LeadCommand, LeadCommandOf } from '@leadger/lead-domain';
import type { Random } from './random';

export type CommandData<T extends LeadCommand['type']> = Omit<LeadCommandOf<T>['data'], 'leadId'>;

export interface WriterOptions {
  /** Names the run in command ids (seed, period): another period of one seed is another history. */
  readonly run: string;
  /** The lead's number in the run. */
  readonly n: number;
  /** When the story starts (epoch ms). */
  readonly startAt: number;
  /** Nothing happens at or after this time (epoch ms): the end of the simulated period. */
  readonly horizon: number;
}

/**
 * The mechanics of a lead's story: a clock that only moves forward, deterministic command ids, and a
 * draft that decides each command with the real decider. A refusal here is a bug in the story: it throws.
 */
export class StoryWriter {
  readonly draft: LeadDraft;
  private at: number;
  private count = 0;
  private revisit: number | null = null;

  constructor(
    private readonly rng: Random,
    readonly leadId: string,
    key: Buffer,
    private readonly options: WriterOptions,
  ) {
    this.draft = new LeadDraft(leadId, key);
    this.at = options.startAt;
  }

  /** Commands issued so far. */
  get steps(): number {
    return this.count;
  }

  /** The id of the next command, which also names what it opens (an opportunity): deterministic per run. */
  get nextId(): string {
    return `${this.options.run}-${this.options.n}-${this.count}`;
  }

  /** Whether the story still has time left. */
  get open(): boolean {
    return this.at < this.options.horizon;
  }

  /** The revisit date (epoch ms) of the latest command that set one: when a lead in nurture is due. */
  get revisitAt(): number | null {
    return this.revisit;
  }

  /** Moves the clock to `ms` if that is later (a revisit date the lead waited for). */
  waitUntil(ms: number): void {
    this.at = Math.max(this.at, ms);
  }

  /**
   * Decides one command `afterMs` after the previous one, recorded `recordedLagMs` after it happened
   * (default: a few seconds). False, and nothing added, once that is past the horizon.
   */
  issue<T extends LeadCommand['type']>(
    type: T,
    afterMs: number,
    actor: string,
    /** The data, or a function of the command's time for data with dates derived from it. */
    data: CommandData<T> | ((at: number) => CommandData<T>),
    recordedLagMs?: () => number,
  ): boolean {
    const at = Math.round(this.at + afterMs);
    if (at >= this.options.horizon) return false;
    this.at = at;
    const { run, n } = this.options;
    const lag = recordedLagMs ? recordedLagMs() : this.rng.between(50, 5000);
    const command = {
      type,
      data: { ...(typeof data === 'function' ? data(at) : data), leadId: this.leadId },
      metadata: { occurredAt: iso(at) },
    } as LeadCommand;
    this.draft.apply(
      command,
      { actor, commandId: `${run}-${n}-${this.count}`, correlationId: `${run}-${n}` },
      new Date(Math.round(at + lag)),
    );
    this.count++;
    if ('revisitAt' in command.data && command.data.revisitAt)
      this.revisit = Date.parse(command.data.revisitAt);
    return true;
  }
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
