import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '@leadger/config';

export type { DestinationStream, Logger } from 'pino';

export interface LoggerOptions {
  /** The program, as `name` on every line: `api`, `worker` or `leadger` (the CLI). */
  readonly name: string;
  /** LOG_LEVEL: lines below it are dropped. */
  readonly level: LogLevel;
  /** Where the lines go; default stdout (fd 1), written synchronously so a line before `process.exit` is not lost. Tests pass a stream of their own. */
  readonly destination?: DestinationStream | 1 | 2;
}

/**
 * The one log format of every Leadger program: a JSON object per line with `level` as a word, `time` in
 * ISO 8601 (what collectors and people read without converting epoch millis), `pid`, `hostname`, `name`
 * and `msg`. Never pretty-printed, so never a colour code, whatever the output is.
 */
export function createLogger(options: LoggerOptions): Logger {
  const destination = options.destination ?? 1;
  return pino(
    {
      name: options.name,
      level: options.level,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    typeof destination === 'number' ? pino.destination({ fd: destination, sync: true }) : destination,
  );
}
