/** Settings read from the environment at start; each is documented in the README. */
export interface LeadgerConfig {
  /** PORT, default 3000. */
  readonly port: number;
  /** HOST, default 127.0.0.1; 0.0.0.0 in a container. */
  readonly host: string;
  /** LEADGER_DATA_DIR, default ./data: where the embedded stores keep their files. */
  readonly dataDir: string;
  /** EVENTSTORE_URL, default unset (embedded SQLite): an esdb:// connection string. */
  readonly eventStoreUrl?: string;
  /** LEADGER_SQLITE_SYNC, default normal: `full` fsyncs every append, surviving power loss. */
  readonly sqliteSynchronous: 'normal' | 'full';
  /** LEADGER_HANDOFF_SLA_HOURS, default 24: how long sales has to accept or reject a handoff. */
  readonly handoffSlaHours: number;
  /** LEADGER_REVISIT_DAYS, default timing=90,pricing=180,competitor=365,default=90: nurture delay per reason. */
  readonly revisitDays: Readonly<Record<string, number>>;
  /** LOG_LEVEL, default info. */
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
}

export const LEADGER_CONFIG = Symbol('LEADGER_CONFIG');

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and checks the environment; names every bad variable at once rather than failing on the first. */
export function loadConfig(env: NodeJS.ProcessEnv): LeadgerConfig {
  const problems: string[] = [];
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    problems.push(`PORT must be 0-65535, got "${env.PORT}"`);
  const sync = (env.LEADGER_SQLITE_SYNC ?? 'normal').toLowerCase();
  if (sync !== 'normal' && sync !== 'full')
    problems.push(`LEADGER_SQLITE_SYNC must be normal or full, got "${sync}"`);
  const logLevel = (env.LOG_LEVEL ?? 'info').toLowerCase();
  const knownLevel = logLevels.find((level) => level === logLevel);
  if (!knownLevel) problems.push(`LOG_LEVEL must be one of ${logLevels.join(', ')}, got "${logLevel}"`);
  const eventStoreUrl = env.EVENTSTORE_URL?.trim() || undefined;
  if (eventStoreUrl && !/^esdb(\+discover)?:\/\//.test(eventStoreUrl)) {
    problems.push(`EVENTSTORE_URL must start with esdb:// or esdb+discover://, got "${eventStoreUrl}"`);
  }
  const handoffSlaHours = Number(env.LEADGER_HANDOFF_SLA_HOURS ?? 24);
  if (!(handoffSlaHours > 0 && handoffSlaHours <= 24 * 365)) {
    problems.push(
      `LEADGER_HANDOFF_SLA_HOURS must be a number of hours above 0, got "${env.LEADGER_HANDOFF_SLA_HOURS}"`,
    );
  }
  const revisitDays = parseRevisitDays(env.LEADGER_REVISIT_DAYS ?? DEFAULT_REVISIT_DAYS, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port,
    host: env.HOST?.trim() || '127.0.0.1',
    dataDir: env.LEADGER_DATA_DIR?.trim() || 'data',
    eventStoreUrl,
    sqliteSynchronous: sync as 'normal' | 'full',
    handoffSlaHours,
    revisitDays,
    logLevel: knownLevel ?? 'info',
  };
}

const DEFAULT_REVISIT_DAYS = 'timing=90,pricing=180,competitor=365,default=90';

/** `reason=days,…`; `default` covers every reason not named and is always present. */
function parseRevisitDays(spec: string, problems: string[]): Record<string, number> {
  const days: Record<string, number> = { default: 90 };
  for (const pair of spec
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [reason, value] = pair.split('=').map((part) => part.trim());
    const count = Number(value);
    if (!reason || !Number.isInteger(count) || count < 0 || count > 3650) {
      problems.push(`LEADGER_REVISIT_DAYS must look like "timing=90,pricing=180,default=90", got "${pair}"`);
      continue;
    }
    days[reason] = count;
  }
  return days;
}
