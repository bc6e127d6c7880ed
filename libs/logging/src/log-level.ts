import { settings, type LogLevel } from '@leadger/config';

/**
 * LOG_LEVEL as the environment sets it, for the lines a program writes before (or instead of) reading its
 * whole configuration: `info` when unset, and when it is not a level (then loadConfig refuses it, saying so).
 */
export function logLevelIn(env: NodeJS.ProcessEnv): LogLevel {
  try {
    return settings.logLevel.parse(env[settings.logLevel.variable]);
  } catch {
    return 'info';
  }
}
