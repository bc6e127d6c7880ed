import { createLogger, logLevelIn, type Logger } from '@leadger/logging';

let log: Logger | undefined;

/**
 * Where the CLI says what is not its answer (warnings; progress when stderr is not a terminal): the JSON
 * lines every Leadger program writes, on stderr, at LOG_LEVEL; stdout stays the command's output alone.
 */
export function diagnostics(): Logger {
  return (log ??= createLogger({ name: 'leadger', level: logLevelIn(process.env), destination: 2 }));
}
