import type { RecordedEvent } from '@leadger/event-store';
import {
  finishStitch,
  loadSuspectStream,
  SUSPECT_STREAM_PREFIX,
  type CommandHandlerDeps,
} from '@leadger/lead-application';

/** The stitch policy's name: its stamp and actor on the lead's SuspectStitched. */
export const STITCH = 'stitch';

/**
 * The second half of every stitch the log shows begun (a visitor identified as a lead): the lead's
 * SuspectStitched, if the capture that began it crashed before appending it and the visitor never came
 * back. Its command id is the suspect event's, as the capture's own, so whoever finishes first is the only
 * one to append; running again adds nothing. Returns how many it finished.
 */
export async function finishStitches(
  commands: CommandHandlerDeps,
  events: readonly RecordedEvent[],
  digest: string,
): Promise<number> {
  let finished = 0;
  for (const event of events) {
    if (!event.streamName.startsWith(SUSPECT_STREAM_PREFIX) || event.type !== 'SuspectIdentified') continue;
    const suspect = await loadSuspectStream(commands.store, commands.personalData, event.streamName);
    if (!suspect) continue;
    const stitched = await finishStitch(commands, suspect, {
      actor: `policy:${STITCH}`,
      command: 'FinishStitch',
      correlationId:
        typeof event.metadata.correlationId === 'string' ? event.metadata.correlationId : undefined,
      policy: { name: STITCH, rule: STITCH, digest },
    });
    if (stitched) finished++;
  }
  return finished;
}
