import type { LogFields, WorkerLogger } from '@leadger/subscriptions';
import { logLevels, type LogLevel } from '@leadger/config';

/** One JSON object per line on stdout, as log collectors expect; lines below `level` are dropped. */
export function jsonLogger(level: LogLevel): WorkerLogger {
  const depth = logLevels.indexOf(level);
  const line = (at: LogLevel, msg: string, fields: LogFields = {}) => {
    if (logLevels.indexOf(at) > depth) return;
    process.stdout.write(
      `${JSON.stringify({ level: at, time: new Date().toISOString(), msg, ...fields })}\n`,
    );
  };
  return {
    debug: (msg, fields) => line('debug', msg, fields),
    info: (msg, fields) => line('info', msg, fields),
    warn: (msg, fields) => line('warn', msg, fields),
    error: (msg, fields) => line('error', msg, fields),
  };
}
