import { settings, type LogLevel } from '@leadger/config';

/**
 * LOG_LEVEL as the environment sets it, for the lines a program writes before (or instead of) reading its
 * whole configuration: `info` when unset, and when it is not a level (then loadConfig refuses it, saying so).
 */
export function logLevelIn(env: NodeJS.ProcessEnv): LogLevel {
  const read = settings.logLevel.parse.safeParse(env[settings.logLevel.variable]);
  return read.success ? read.data : 'info';
}
