import { Command } from 'commander';
import { auditCommand } from './commands/audit.command';
import { exportCommand } from './commands/export.command';
import { funnelCommand } from './commands/funnel.command';
import { importCommand } from './commands/import.command';
import { keysCommand } from './commands/keys.command';
import { leadsCommand } from './commands/leads.command';
import { ownersCommand } from './commands/owners.command';
import { pipelineCommand } from './commands/pipeline.command';
import { rebuildCommand } from './commands/rebuild.command';
import { seedCommand } from './commands/seed.command';

/**
 * `leadger`: the analysts', auditors' and admins' tool. Every command reads the same environment as the server
 * (LEADGER_DATA_DIR, LEADGER_EVENTSTORE, EVENTSTORE_URL, DATABASE_URL, REDIS_URL…). Commander reports bad arguments; `main` turns every
 * failure into a message on stderr and an exit code.
 */
export function buildProgram(): Command {
  const program = new Command('leadger')
    .description(
      'Leadger analyst, auditor and admin tool: replay, as-of read models, audit trail, export, import, ' +
        'seed, API keys, the owner roster.',
    )
    .version('0.1.0')
    // Options belong to the command they follow: `audit --json` and `audit verify --json` are different.
    .enablePositionalOptions()
    .addHelpText(
      'after',
      `
Every command works on the stores the server uses, from the same environment: LEADGER_DATA_DIR (default
./data, also the vault's home), LEADGER_EVENTSTORE, EVENTSTORE_URL, DATABASE_URL, LEADGER_PG_SCHEMA,
REDIS_URL or REDIS_CLUSTER_NODES, LEADGER_REDIS_PREFIX, LEADGER_MASTER_KEY. Long jobs draw a progress bar on
stderr when it is a terminal (--progress forces it, --no-progress hides it). The CLI works on the stores
directly, as the operator who runs it: the events it writes (import, keys, owners) name cli:<os user> as
their actor.

Exit codes: 0 done; 1 failed, or found a problem (a broken hash chain, rejected import rows, no such lead
or key); 2 bad arguments or environment, nothing done; 3 the read models are busy (a live projector or
another rebuild).`,
    );
  for (const command of [
    rebuildCommand(),
    funnelCommand(),
    pipelineCommand(),
    leadsCommand(),
    auditCommand(),
    exportCommand(),
    importCommand(),
    seedCommand(),
    keysCommand(),
    ownersCommand(),
  ]) {
    program.addCommand(command);
  }
  return settle(program);
}

/** Throw instead of exiting, so `main` picks the exit code; added commands do not inherit this. */
function settle(command: Command): Command {
  command.exitOverride().showHelpAfterError('(add --help for usage)');
  for (const sub of command.commands) settle(sub);
  return command;
}
