import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { WrongExpectedRevisionError, type EventStore } from '@leadger/event-store';
import {
  CommandRefusedError,
  LeadDraft,
  loadLead,
  type DraftIssuer,
  type LeadIdentity,
} from '@leadger/lead-application';
import type { LeadCommand } from '@leadger/lead-domain';
import type { ColumnMap } from './import-columns';
import { planRow } from './import-row';

export type Outcome = 'imported' | 'unchanged' | 'duplicate' | 'rejected';

/** What became of a row that was not simply imported. */
export interface Problem {
  readonly line: number;
  readonly email: string | null;
  readonly outcome: Exclude<Outcome, 'imported'>;
  readonly reason: string;
}

/** Where rows go: the log, and the vault that finds each email's lead and seals its personal fields. */
export interface ImportTarget {
  readonly store: EventStore;
  readonly identity: Pick<LeadIdentity, 'directory' | 'personalData'>;
}

export interface RowContext {
  readonly line: number;
  readonly width: number;
  readonly columns: ColumnMap;
  /** First line of each email in this file, to name the line a duplicate repeats. */
  readonly seen: Map<string, number>;
  readonly source?: string;
  readonly dryRun?: boolean;
  /** The events' actor: the operator running the import. */
  readonly actor: string;
  readonly now: Date;
}

/** Seals the trial run of a row's commands, which is never stored: the real one uses the lead's own key. */
const STAND_IN_KEY = randomBytes(32);

/**
 * Imports one row: its lead is found (or claimed) through the directory by email, and its events are
 * sealed with that lead's data key and appended in one go. A row is first decided under a stand-in id and
 * key, so one the domain refuses (or a dry run) claims no email and makes no key in the vault.
 */
export async function importRow(
  { store, identity }: ImportTarget,
  cells: readonly string[],
  context: RowContext,
): Promise<{ outcome: 'imported' } | Problem> {
  const { line } = context;
  const problem = (outcome: Problem['outcome'], email: string | null, reason: string): Problem => ({
    line,
    email,
    outcome,
    reason,
  });
  if (cells.length !== context.width)
    return problem('rejected', null, `has ${cells.length} columns, the header has ${context.width}`);
  const plan = planRow(cells, context.columns, { source: context.source, now: context.now });
  if (!plan.ok) return problem('rejected', plan.email, plan.reason);
  const { email } = plan;
  const first = context.seen.get(email);
  if (first !== undefined) return problem('duplicate', email, `same email as line ${first}`);

  // The row's content names its commands, so a second run of the same file finds them and changes nothing.
  const rowId = `import:${createHash('sha256').update(plan.key).digest('hex').slice(0, 32)}`;
  const issuer = (step: number): DraftIssuer => ({
    actor: context.actor,
    commandId: `${rowId}/${step}`,
    correlationId: rowId,
  });
  const known = await identity.directory.find(email);
  if (known !== null) {
    const lead = await loadLead(store, known);
    if (lead.revision !== 'no_stream') {
      context.seen.set(email, line);
      if (lead.events.some((event) => event.metadata.commandId === issuer(0).commandId))
        return problem('unchanged', email, 'imported by an earlier run');
      return problem('duplicate', email, `already a lead (${lead.state.stage})`);
    }
  }

  try {
    draft(plan.commandsFor(known ?? randomUUID()), STAND_IN_KEY, issuer, context.now);
  } catch (error) {
    if (error instanceof CommandRefusedError) return problem('rejected', email, error.message);
    throw error;
  }
  context.seen.set(email, line);
  if (context.dryRun) return { outcome: 'imported' };

  // The address's lead (an id claimed before but never written is taken as it is).
  const leadId = await identity.directory.forCapture(email, known ?? randomUUID());
  const key = await identity.personalData.sealingKey(leadId);
  const events = draft(plan.commandsFor(leadId), key, issuer, context.now);
  try {
    await store.appendToStream(events.stream, events.events, events.expected);
  } catch (error) {
    // Someone captured this email meanwhile (the API, another import): then it is a duplicate.
    if (!(error instanceof WrongExpectedRevisionError)) throw error;
    return problem('duplicate', email, 'captured meanwhile by another writer');
  }
  return { outcome: 'imported' };
}

/** The commands decided in order for a lead not yet stored; throws CommandRefusedError when one is refused. */
function draft(
  commands: readonly LeadCommand[],
  key: Buffer,
  issuer: (step: number) => DraftIssuer,
  now: Date,
): LeadDraft {
  const lead = new LeadDraft(commands[0].data.leadId, key);
  commands.forEach((command, step) => lead.apply(command, issuer(step), now));
  return lead;
}
