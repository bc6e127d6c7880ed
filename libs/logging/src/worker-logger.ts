import type { LogFields, WorkerLogger } from '@leadger/subscriptions';
import type { Logger } from 'pino';

/**
 * The projector's and policies' port (`WorkerLogger`) on a pino logger, so their progress comes out in the
 * same lines as the rest of the program's; `context` names who speaks (`Projector`, `Policies`).
 */
export function workerLogger(logger: Logger, context: string): WorkerLogger {
  const child = logger.child({ context });
  const at =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (message: string, fields?: LogFields): void =>
      child[level](fields ?? {}, message);
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
