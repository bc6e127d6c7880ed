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
  /** REDIS_URL, default unset (embedded SQLite read store in the data dir): `redis://host:port[/db]`. */
  readonly redisUrl?: string;
  /** LEADGER_REDIS_PREFIX, default `leadger:`: prefix of every read-model key in Redis. */
  readonly redisKeyPrefix: string;
  /** LEADGER_PROJECTOR, default `inline`: run the projector inside the API process, or `off` when workers do. */
  readonly projector: 'inline' | 'off';
  /** LEADGER_PROJECTOR_BATCH, default 2000: events per committed read-model batch. */
  readonly projectorBatch: number;
  /** LEADGER_PROJECTOR_LEASE_MS, default 10000: how long a silent projector keeps its read models. */
  readonly projectorLeaseMs: number;
  /** LEADGER_READ_WAIT_MS, default 5000: longest a query with `?after=` waits for the read models. */
  readonly readWaitMs: number;
  /** LEADGER_HANDOFF_SLA_HOURS, default 24: how long sales has to accept or reject a handoff. */
  readonly handoffSlaHours: number;
  /** LEADGER_REVISIT_DAYS, default timing=90,pricing=180,competitor=365,default=90: nurture delay per reason. */
  readonly revisitDays: Readonly<Record<string, number>>;
  /** LEADGER_CLOCK_TOLERANCE_SECONDS, default 300: how far past now a command's occurredAt may be. */
  readonly clockToleranceSeconds: number;
  /** LOG_LEVEL, default info. */
  readonly logLevel: LogLevel;
}

export const LEADGER_CONFIG = Symbol('LEADGER_CONFIG');

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;
export type LogLevel = (typeof logLevels)[number];

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

const DEFAULT_REVISIT_DAYS = 'timing=90,pricing=180,competitor=365,default=90';

/** Reads and checks the environment; names every bad variable at once rather than failing on the first. */
export function loadConfig(env: NodeJS.ProcessEnv): LeadgerConfig {
  const problems: string[] = [];
  const whole = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name]?.trim();
    const value = raw ? Number(raw) : fallback;
    if (!Number.isSafeInteger(value) || value < min || value > max)
      problems.push(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
    return value;
  };
  const choice = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const value = (env[name]?.trim() || fallback).toLowerCase();
    const known = allowed.find((option) => option === value);
    if (!known) problems.push(`${name} must be one of ${allowed.join(', ')}, got "${value}"`);
    return known ?? fallback;
  };

  const port = whole('PORT', 3000, 0, 65535);
  const sqliteSynchronous = choice('LEADGER_SQLITE_SYNC', ['normal', 'full'], 'normal');
  const logLevel = choice('LOG_LEVEL', logLevels, 'info');
  const projector = choice('LEADGER_PROJECTOR', ['inline', 'off'], 'inline');
  const eventStoreUrl = env.EVENTSTORE_URL?.trim() || undefined;
  if (eventStoreUrl && !/^esdb(\+discover)?:\/\//.test(eventStoreUrl)) {
    problems.push(`EVENTSTORE_URL must start with esdb:// or esdb+discover://, got "${eventStoreUrl}"`);
  }
  const redisUrl = env.REDIS_URL?.trim() || undefined;
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl))
    problems.push(`REDIS_URL must start with redis:// or rediss://, got "${redisUrl}"`);
  const handoffSlaHours = Number(env.LEADGER_HANDOFF_SLA_HOURS ?? 24);
  if (!(handoffSlaHours > 0 && handoffSlaHours <= 24 * 365)) {
    problems.push(
      `LEADGER_HANDOFF_SLA_HOURS must be a number of hours above 0, got "${env.LEADGER_HANDOFF_SLA_HOURS}"`,
    );
  }
  const config: LeadgerConfig = {
    port,
    host: env.HOST?.trim() || '127.0.0.1',
    dataDir: env.LEADGER_DATA_DIR?.trim() || 'data',
    eventStoreUrl,
    sqliteSynchronous,
    redisUrl,
    redisKeyPrefix: env.LEADGER_REDIS_PREFIX ?? 'leadger:',
    projector,
    projectorBatch: whole('LEADGER_PROJECTOR_BATCH', 2000, 1, 100_000),
    projectorLeaseMs: whole('LEADGER_PROJECTOR_LEASE_MS', 10_000, 100, 3_600_000),
    readWaitMs: whole('LEADGER_READ_WAIT_MS', 5000, 0, 60_000),
    handoffSlaHours,
    revisitDays: parseRevisitDays(env.LEADGER_REVISIT_DAYS ?? DEFAULT_REVISIT_DAYS, problems),
    clockToleranceSeconds: whole('LEADGER_CLOCK_TOLERANCE_SECONDS', 300, 0, 86_400),
    logLevel,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** `reason=days,…`; `default` covers every reason not named and is always present. */
function parseRevisitDays(spec: string, problems: string[]): Record<string, number> {
  const days: Record<string, number> = { default: 90 };
  for (const pair of spec
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [reason, value] = pair.split('=').map((part) => part.trim());
    const count = Number(value);
    // At least a day: a revisit date must come after the recycle that sets it.
    if (!reason || !Number.isInteger(count) || count < 1 || count > 3650) {
      problems.push(`LEADGER_REVISIT_DAYS must look like "timing=90,pricing=180,default=90", got "${pair}"`);
      continue;
    }
    days[reason] = count;
  }
  return days;
}
