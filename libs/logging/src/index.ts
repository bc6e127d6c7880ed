// Logging at the edges (pino): the programs' one JSON-lines format, and the libs' small logger port on it.
export { createLogger, type DestinationStream, type Logger, type LoggerOptions } from './create-logger';
export { logLevelIn } from './log-level';
export { workerLogger } from './worker-logger';
