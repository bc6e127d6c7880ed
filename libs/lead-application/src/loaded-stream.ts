import type { RecordedEvent } from '@leadger/event-store';

/** A stream as a command reads it: what its events fold to, and where the next append goes. */
export interface LoadedStream<State> {
  readonly stream: string;
  /** Its events, or at least the last one: the next event is chained to it. */
  readonly events: readonly RecordedEvent[];
  readonly state: State;
  /** Revision of the last event, or `no_stream` for a stream with none yet. */
  readonly revision: bigint | 'no_stream';
}
