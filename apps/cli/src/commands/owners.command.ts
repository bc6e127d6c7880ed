import { randomUUID } from 'node:crypto';
import { Command, InvalidArgumentError, Option } from 'commander';
import {
  loadOwner,
  OwnerInputError,
  OwnerRoster,
  profileOf,
  setOwner,
  StaleRevisionError,
  type OwnerOutcome,
  type RosterOwner,
} from '@leadger/lead-application';
import type { OwnerProfile } from '@leadger/lead-domain';
import { cliActor } from '../actor';
import { FindingError, UsageError } from '../errors';
import { commaList, wholeNumber } from '../options';
import { outputOptions, print, type OutputOptions } from '../output/print';
import { table } from '../output/table';
import { existingLog, readOnly, withStores } from '../stores';

// The owner roster, as admins and sales managers keep it over HTTP (PUT /owners/{ownerId}): the same
// SetOwner, its OwnerSet events in owner-<id> streams naming the operator (cli:<os user>) as their actor.

export function ownersCommand(): Command {
  return new Command('owners')
    .summary('list and set the owner roster')
    .description(
      'The owner roster: the sales owners routing and SLA escalation give leads to, skipping those away or ' +
        "at capacity. Each change is SetOwner, as PUT /owners/{ownerId} makes it: an OwnerSet event in the owner's " +
        'stream (owner-<id>) naming the operator, cli:<os user>, as its actor.',
    )
    .addCommand(listCommand())
    .addCommand(setCommand());
}

interface SetOptions extends OutputOptions {
  readonly name?: string;
  readonly teams?: string[];
  readonly active?: boolean;
  readonly inactive?: boolean;
  /** `none` for no limit: commander keeps no null an option parser returns. */
  readonly capacity?: number | 'none';
}

function listCommand(): Command {
  return outputOptions(
    new Command('list')
      .summary('every owner of the roster')
      .description('Every owner, by id: name, teams, active or away, capacity and revision.'),
    false,
  ).action((options: OutputOptions) => list(options));
}

function setCommand(): Command {
  return outputOptions(
    new Command('set')
      .summary('add an owner to the roster, or change them')
      .description(
        'Adds the owner, or changes what the options name: an option left out keeps the value the owner ' +
          'has (a new owner needs --name, and is active, in no team, with no capacity limit unless told). ' +
          'Setting what they already have records nothing. Exit 2, nothing recorded, on a bad value; exit 1 ' +
          'when someone else changed the owner meanwhile (run it again).',
      )
      .argument('<ownerId>', 'the owner: the name of their API key, 1-64 of a-z, 0-9 and ._@-')
      .option('--name <name>', 'their name as people read it')
      .option('--teams <teams>', 'their teams, comma-separated (repeatable); "" for none', commaList)
      .addOption(new Option('--active', 'back from leave: routing gives them leads').conflicts('inactive'))
      .addOption(new Option('--inactive', 'away: routing and SLA escalation give them nothing new'))
      .option(
        '--capacity <n>',
        'most open handoffs and SALs they hold at once, or "none" for no limit',
        capacity,
      ),
    false,
  ).action((ownerId: string, options: SetOptions) => set(ownerId, options));
}

const wholeCapacity = wholeNumber(0, 1_000_000);

function capacity(value: string): number | 'none' {
  if (value.trim() === 'none') return 'none';
  try {
    return wholeCapacity(value);
  } catch (error) {
    throw new InvalidArgumentError(`${(error as Error).message} Or "none" for no limit.`);
  }
}

async function list(options: OutputOptions): Promise<void> {
  await withStores(async (stores) => {
    const owners = await new OwnerRoster(stores.eventStore).list();
    print(options, { owners }, () => (owners.length === 0 ? 'No owners.' : rosterTable(owners)));
  }, readOnly);
}

async function set(ownerId: string, options: SetOptions): Promise<void> {
  await withStores(async (stores) => {
    const store = stores.eventStore;
    const current = await loadOwner(store, ownerId);
    const was = current.state.exists ? profileOf(current.state) : undefined;
    const profile = profileFrom(ownerId, options, was);
    const clock = () => new Date();
    const command = {
      type: 'SetOwner',
      data: { ownerId, ...profile },
      metadata: { occurredAt: clock().toISOString() },
    } as const;
    // At the revision the kept values were read at: a change made meanwhile is not silently undone.
    const expectedRevision = current.revision === 'no_stream' ? undefined : current.revision;
    try {
      const outcome = await setOwner({ store, clock, newId: randomUUID }, command, {
        actor: cliActor(),
        expectedRevision,
      });
      print(options, answerOf(outcome), () => said(outcome));
    } catch (error) {
      if (error instanceof OwnerInputError) throw new UsageError(`${error.message} (${flags[error.field]})`);
      if (error instanceof StaleRevisionError)
        throw new FindingError(`${error.message}: someone changed ${ownerId} meanwhile; run it again`);
      throw error;
    }
  }, existingLog);
}

/** The whole profile SetOwner takes: the options given, the rest as the owner has it now. */
function profileFrom(ownerId: string, options: SetOptions, was: OwnerProfile | undefined): OwnerProfile {
  const name = options.name ?? was?.name;
  if (name === undefined) throw new UsageError(`${ownerId} is not in the roster yet: --name is required`);
  return {
    name,
    teams: options.teams ?? was?.teams ?? [],
    active: options.inactive ? false : options.active ? true : (was?.active ?? true),
    capacity: options.capacity === 'none' ? null : (options.capacity ?? was?.capacity ?? null),
  };
}

/** The option that sets each field SetOwner may refuse. */
const flags: Readonly<Record<string, string>> = {
  ownerId: '<ownerId>',
  name: '--name',
  teams: '--teams',
  capacity: '--capacity',
};

/** What `--json` prints: the owner as PUT /owners/{ownerId} answers them. */
function answerOf(outcome: OwnerOutcome) {
  const { ownerId, owner, revision, position, events } = outcome;
  return { ownerId, ...owner, revision, position, events: events.map((event) => event.type) };
}

function said(outcome: OwnerOutcome): string {
  const what = outcome.created ? 'added' : outcome.events.length > 0 ? 'changed' : 'unchanged:';
  const { name, teams, active, capacity } = outcome.owner;
  const limit = capacity === null ? 'no capacity limit' : `capacity ${capacity}`;
  const team = teams.length === 0 ? 'no team' : `teams ${teams.join(', ')}`;
  return `${what} ${outcome.ownerId} (${name}): ${team}; ${active ? 'active' : 'away'}; ${limit}; revision ${outcome.revision}`;
}

function rosterTable(owners: readonly RosterOwner[]): string {
  return table(
    ['owner', 'name', 'teams', 'active', 'capacity', 'revision'],
    owners.map((owner) => [
      owner.ownerId,
      owner.name,
      owner.teams.join(','),
      owner.active ? 'yes' : 'away',
      owner.capacity ?? 'no limit',
      owner.revision.toString(),
    ]),
  );
}
