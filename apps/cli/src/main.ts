#!/usr/bin/env node
// `leadger <command>`: see `leadger --help`. Exit codes: 0 done, 1 failed or found a problem (a broken hash
// chain, rejected rows, no such lead or key), 2 bad arguments or environment (nothing done), 3 read models
// busy (rebuild).
import { CommanderError } from 'commander';
import { ConfigError, unknownVariableWarnings } from '@leadger/config';
import { MasterKeyError } from '@leadger/identity';
import { LeaseHeldError, QueryInputError } from '@leadger/projections';
import { exitCodes, FindingError, MissingStoreError, UsageError } from './errors';
import { diagnostics } from './output/diagnostics';
import { buildProgram } from './program';

export async function main(argv: readonly string[]): Promise<number> {
  // A misspelt variable would otherwise be ignored without a word, its setting left at the default.
  for (const warning of unknownVariableWarnings(process.env)) diagnostics().warn(warning);
  try {
    await buildProgram().parseAsync(argv, { from: 'user' });
    return Number(process.exitCode ?? exitCodes.ok);
  } catch (error) {
    return failure(error);
  }
}

/** Says what went wrong on stderr, in one line where it can, and picks the exit code. */
function failure(error: unknown): number {
  const say = (message: string) => process.stderr.write(`leadger: ${message}\n`);
  if (error instanceof CommanderError) {
    // Commander has printed the error (or the help or version, which are not errors) itself.
    return error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
  }
  if (error instanceof UsageError || error instanceof QueryInputError) {
    say(`${error.message} (add --help for usage)`);
    return exitCodes.usage;
  }
  // A master key or vault that is missing or does not fit the log: the environment, not the command.
  if (error instanceof ConfigError || error instanceof MissingStoreError || error instanceof MasterKeyError) {
    say(error.message);
    return exitCodes.usage;
  }
  if (error instanceof LeaseHeldError) {
    say(
      `cannot rebuild: ${error.message}. A live projector (the API's inline one, or apps/worker) or another ` +
        'rebuild holds it; stop it, or wait until its lease lapses, then retry.',
    );
    return exitCodes.busy;
  }
  if (error instanceof FindingError) {
    say(error.message);
    return exitCodes.failed;
  }
  say(error instanceof Error ? (error.stack ?? error.message) : String(error));
  return exitCodes.failed;
}

if (require.main === module) {
  // `leadger export | head`: the reader went away; that is not a failure of ours.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(exitCodes.ok);
    throw error;
  });
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
