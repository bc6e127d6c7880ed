/** Structured fields of a log line. */
export type LogFields = Readonly<Record<string, string | number | boolean | null>>;

/** Where the projector reports progress and trouble; the worker prints JSON lines, tests stay quiet. */
export interface ProjectorLogger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

export const silentLogger: ProjectorLogger = { info: () => {}, warn: () => {}, error: () => {} };
