/** Structured fields of a log line. */
export type LogFields = Readonly<Record<string, string | number | boolean | null>>;

/** Where a log consumer (projector, policies) reports progress and trouble; the worker prints JSON lines, tests stay quiet. */
export interface WorkerLogger {
  /** What is expected and only worth reading when tracing (a policy's effect refused because the lead moved on). */
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

export const silentLogger: WorkerLogger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
};
