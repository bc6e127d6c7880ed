import type { LeadCommand } from '../commands';
import { decide } from '../decide';
import type { Decision, Refusal } from '../decision';
import type { LeadEvent } from '../events';
import { evolveDetails } from '../details/evolve-details';
import { noDetails, type LeadDetails } from '../details/lead-details';
import { evolve } from '../evolve';
import { initialState, type LeadState } from '../state';

// Specs read as: given these events happened, when this command arrives, then these events (or this
// refusal). Jest's `expect` is a global, so this file is only ever imported from specs.

export function fold(events: readonly LeadEvent[]): LeadState {
  return events.reduce(evolve, initialState);
}

export function foldDetails(events: readonly LeadEvent[]): LeadDetails {
  return events.reduce(evolveDetails, noDetails);
}

export function given(...history: readonly LeadEvent[]) {
  const state = fold(history);
  return {
    state,
    when(command: LeadCommand) {
      const decision = decide(command, state);
      /** The state after folding the decided events, which must have been accepted. */
      const stateAfter = (): LeadState => fold([...history, ...eventsOf(decision)]);
      /** The details after folding the decided events, which must have been accepted. */
      const detailsAfter = (): LeadDetails => foldDetails([...history, ...eventsOf(decision)]);
      return {
        decision,
        stateAfter,
        detailsAfter,
        then(...expected: readonly LeadEvent[]): void {
          expect(decision).toEqual({ ok: true, events: expected });
        },
        thenRefused(refusal: Partial<Refusal>): void {
          expect(decision).toMatchObject({ ok: false, refusal });
        },
        /** The decision state after the command: what decide will see next. */
        thenState(expected: Record<string, unknown>): void {
          expect(stateAfter()).toMatchObject(expected);
        },
        /** The lead as people see it after the command. */
        thenDetails(expected: Record<string, unknown>): void {
          expect(detailsAfter()).toMatchObject(expected);
        },
      };
    },
  };
}

export function eventsOf(decision: Decision): readonly LeadEvent[] {
  if (!decision.ok) throw new Error(`expected the command to be accepted: ${decision.refusal.message}`);
  return decision.events;
}
