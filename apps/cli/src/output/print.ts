import type { Command } from 'commander';

/** The options every reporting command takes. */
export interface OutputOptions {
  readonly json?: boolean;
  /** `--progress` / `--no-progress`; unset means "when stderr is a terminal". */
  readonly progress?: boolean;
}

export function outputOptions(command: Command, progress = true): Command {
  command.option('--json', 'print JSON for machines instead of tables');
  if (progress) {
    command
      .option('--progress', 'show the progress bar even when stderr is not a terminal')
      .option('--no-progress', 'never show the progress bar');
  }
  return command;
}

/** Prints the answer: the value as JSON (bigints as decimal strings) with --json, else the human text. */
export function print(options: OutputOptions, value: unknown, human: () => string): void {
  const text = options.json ? JSON.stringify(value, jsonValue, 2) : human();
  process.stdout.write(`${text}\n`);
}

export function jsonValue(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}
