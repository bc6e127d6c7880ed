import { Command } from 'commander';
import { commaList } from '../options';
import { ApiKeyInputError, ApiKeys, roles, type ApiKeyRecord } from '@leadger/identity';
import { cliActor } from '../actor';
import { FindingError, UsageError } from '../errors';
import { outputOptions, print, type OutputOptions } from '../output/print';
import { table } from '../output/table';
import { existingLog, readOnly, withStores, type Stores } from '../stores';

// API keys for the HTTP API, as an admin issues them from the API: the same `ApiKeys` registry, its events in
// `apikey-<keyId>` streams naming the operator (cli:<os user>) as issuer or revoker.

export function keysCommand(): Command {
  return new Command('keys')
    .summary('issue, list and revoke API keys')
    .description(
      'API keys for the HTTP API. Only a hash of each key is stored: its token is printed once, by ' +
        '`keys create`. Issuing and revoking are events in the log (apikey-<key id> streams) that name the ' +
        'operator, cli:<os user>, as issuer or revoker.',
    )
    .addCommand(createCommand())
    .addCommand(listCommand())
    .addCommand(revokeCommand());
}

function createCommand(): Command {
  return new Command('create')
    .summary('issue a key and print its token')
    .description(
      'Issues an API key and prints its token on stdout, and nothing else (`TOKEN=$(leadger keys create …)`): ' +
        'it is shown this once. On a new data dir the store and its vault are made, as seed does. Exit 2, ' +
        'nothing issued, on a bad name or role, or a name a live key already has.',
    )
    .requiredOption(
      '--name <name>',
      'who the key is for, named as the actor of what it does: 1-64 of a-z, 0-9 and ._@-',
    )
    .requiredOption(
      '--role <roles>',
      `its roles, comma-separated (repeatable): ${roles.join(', ')}`,
      commaList,
    )
    .action((options: { name: string; role: string[] }) => create(options.name, options.role));
}

function listCommand(): Command {
  return outputOptions(
    new Command('list')
      .summary('every key issued, revoked ones too')
      .description(
        'Every key ever issued, newest first: name, key id, roles, issued and revoked (when, by whom), ' +
          'last used. Never a token or a hash.',
      ),
    false,
  ).action((options: OutputOptions) => list(options));
}

function revokeCommand(): Command {
  return outputOptions(
    new Command('revoke')
      .summary('revoke the live key of a name')
      .description(
        'Revokes the live key of that name: the API refuses it from then on (other running processes ' +
          'within a second). Exit 1 when no live key has that name.',
      )
      .argument('<name>', "the key's name, as `keys list` shows it"),
    false,
  ).action((name: string, options: OutputOptions) => revoke(name, options));
}

async function create(name: string, wanted: readonly string[]): Promise<void> {
  // Roles are checked before the stores are opened, so a typo makes nothing on a new data dir.
  const unknown = wanted.filter((role) => !(roles as readonly string[]).includes(role));
  if (wanted.length === 0 || unknown.length > 0)
    throw new UsageError(
      `--role ${unknown.length > 0 ? `has unknown ${unknown.join(', ')}` : 'is empty'}; roles are ${roles.join(', ')}`,
    );
  await withStores(async (stores) => {
    try {
      const { token, key } = await (await apiKeys(stores)).issue(name, wanted, cliActor());
      process.stdout.write(`${token}\n`);
      process.stderr.write(
        `issued key ${key.name} (${key.roles.join(', ')}), key id ${key.keyId}: the token is not shown again\n`,
      );
    } catch (error) {
      if (error instanceof ApiKeyInputError)
        throw new UsageError(`${error.field === 'roles' ? '--role' : '--name'} ${error.problem}`);
      throw error;
    }
  });
}

async function list(options: OutputOptions): Promise<void> {
  await withStores(async (stores) => {
    const keys = await (await apiKeys(stores)).list();
    print(options, { keys }, () => (keys.length === 0 ? 'No API keys.' : keysTable(keys)));
  }, readOnly);
}

async function revoke(name: string, options: OutputOptions): Promise<void> {
  await withStores(async (stores) => {
    const revoked = await (await apiKeys(stores)).revoke(name, cliActor());
    if (revoked.length === 0) throw new FindingError(`no live key named ${name}`);
    print(options, { revoked }, () =>
      revoked.map((key) => `revoked key ${key.name} (key id ${key.keyId}) at ${key.revokedAt}`).join('\n'),
    );
  }, existingLog);
}

async function apiKeys(stores: Stores): Promise<ApiKeys> {
  const { keys } = await stores.identity();
  return new ApiKeys(stores.eventStore, keys.apiKeysKey, keys.vault);
}

function keysTable(keys: readonly ApiKeyRecord[]): string {
  return table(
    ['name', 'key id', 'roles', 'issued', 'issued by', 'revoked', 'revoked by', 'last used'],
    keys.map((key) => [
      key.name,
      key.keyId,
      key.roles.join(','),
      key.issuedAt,
      key.issuedBy,
      key.revokedAt,
      key.revokedBy,
      key.lastUsedAt,
    ]),
  );
}
