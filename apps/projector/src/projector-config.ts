/** Settings of the projector worker, read from the environment at start. */
export interface ProjectorConfig {
  /** LEADGER_DATA_DIR, default `data`: the embedded event store and read-model files. */
  readonly dataDir: string;
  /** EVENTSTORE_URL, default unset (embedded SQLite event store): an `esdb://` connection string. */
  readonly eventStoreUrl?: string;
  /** LEADGER_SQLITE_SYNC, default `normal`: how the embedded event store syncs appends. */
  readonly sqliteSynchronous: 'normal' | 'full';
  /** REDIS_URL, default unset (embedded SQLite read store in the data dir): `redis://host:port[/db]`. */
  readonly redisUrl?: string;
  /** LEADGER_REDIS_PREFIX, default `leadger:`: prefix of every read-model key in Redis. */
  readonly redisKeyPrefix: string;
  /** LEADGER_PROJECTOR_BATCH, default 2000: events per committed batch. */
  readonly batchSize: number;
  /** LEADGER_PROJECTOR_LEASE_MS, default 10000: how long a silent projector keeps its read models. */
  readonly leaseMs: number;
  /** LOG_LEVEL, default `info`. */
  readonly logLevel: LogLevel;
}

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;
export type LogLevel = (typeof logLevels)[number];

/** Reads and checks the environment; names every bad variable at once. */
export function loadProjectorConfig(env: NodeJS.ProcessEnv): ProjectorConfig {
  const problems: string[] = [];
  const whole = (name: string, fallback: number, min: number): number => {
    const raw = env[name]?.trim();
    const value = raw ? Number(raw) : fallback;
    if (!Number.isSafeInteger(value) || value < min)
      problems.push(`${name} must be a whole number ≥ ${min}, got "${raw}"`);
    return value;
  };
  const sync = (env.LEADGER_SQLITE_SYNC ?? 'normal').toLowerCase();
  if (sync !== 'normal' && sync !== 'full')
    problems.push(`LEADGER_SQLITE_SYNC must be normal or full, got "${sync}"`);
  const level = (env.LOG_LEVEL ?? 'info').toLowerCase();
  const logLevel = logLevels.find((known) => known === level);
  if (!logLevel) problems.push(`LOG_LEVEL must be one of ${logLevels.join(', ')}, got "${level}"`);
  const eventStoreUrl = env.EVENTSTORE_URL?.trim() || undefined;
  if (eventStoreUrl && !/^esdb(\+discover)?:\/\//.test(eventStoreUrl)) {
    problems.push(`EVENTSTORE_URL must start with esdb:// or esdb+discover://, got "${eventStoreUrl}"`);
  }
  const redisUrl = env.REDIS_URL?.trim() || undefined;
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl))
    problems.push(`REDIS_URL must start with redis://, got "${redisUrl}"`);
  const config = {
    dataDir: env.LEADGER_DATA_DIR?.trim() || 'data',
    eventStoreUrl,
    sqliteSynchronous: sync as 'normal' | 'full',
    redisUrl,
    redisKeyPrefix: env.LEADGER_REDIS_PREFIX ?? 'leadger:',
    batchSize: whole('LEADGER_PROJECTOR_BATCH', 2000, 1),
    leaseMs: whole('LEADGER_PROJECTOR_LEASE_MS', 10_000, 100),
    logLevel: logLevel ?? 'info',
  };
  if (problems.length > 0) throw new Error(`invalid configuration:\n  ${problems.join('\n  ')}`);
  return config;
}
