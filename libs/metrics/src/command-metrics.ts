import type { CommandObserver, CommandResult } from '@leadger/lead-application';
import { Counter, Histogram, type Registry } from 'prom-client';

/** Seconds: from a cached lead's millisecond command to a slow store's few seconds. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** The command path's metrics, heard through the application's observer. */
export class CommandMetrics implements CommandObserver {
  private readonly commands: Counter<'command' | 'outcome'>;
  private readonly latency: Histogram<'command'>;
  private readonly conflicts: Counter<'command'>;
  private readonly retries: Counter<'command'>;

  constructor(registry: Registry) {
    const registers = [registry];
    this.commands = new Counter({
      name: 'leadger_commands_total',
      help: 'Commands handled, by type and outcome (applied, replayed, refused, invalid, conflict, forbidden, error).',
      labelNames: ['command', 'outcome'],
      registers,
    });
    this.latency = new Histogram({
      name: 'leadger_command_duration_seconds',
      help: 'How long a command took, queueing behind its lead included, by type.',
      labelNames: ['command'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.conflicts = new Counter({
      name: 'leadger_concurrency_conflicts_total',
      help: "Appends that lost the race for their stream to another writer, by the losing command's type.",
      labelNames: ['command'],
      registers,
    });
    this.retries = new Counter({
      name: 'leadger_command_retries_total',
      help: 'Commands decided again after losing a race for their stream, by type.',
      labelNames: ['command'],
      registers,
    });
  }

  handled(command: string, result: CommandResult, seconds: number): void {
    this.commands.inc({ command, outcome: result });
    this.latency.observe({ command }, seconds);
  }

  conflicted(command: string, retried: boolean): void {
    this.conflicts.inc({ command });
    if (retried) this.retries.inc({ command });
  }
}
