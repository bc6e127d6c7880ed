import type { Logger } from '@nestjs/common';
import type { LogFields, WorkerLogger } from '@leadger/subscriptions';

/** A log consumer's logger (projector, policies) writing through Nest's, fields as JSON after the message. */
export function nestLogger(logger: Logger): WorkerLogger {
  const line = (message: string, fields?: LogFields) =>
    fields && Object.keys(fields).length > 0 ? `${message} ${JSON.stringify(fields)}` : message;
  return {
    debug: (message, fields) => logger.debug(line(message, fields)),
    info: (message, fields) => logger.log(line(message, fields)),
    warn: (message, fields) => logger.warn(line(message, fields)),
    error: (message, fields) => logger.error(line(message, fields)),
  };
}
