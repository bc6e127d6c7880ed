import { z } from 'zod';
import { chooseEventStore, eventStoreKinds, type EventStoreKind } from './event-store-choice';
import {
  choice,
  hostPortList,
  matching,
  optionalChoice,
  optionalText,
  optionalWholeNumber,
  redisKeyPrefix,
  text,
  url,
  wholeNumber,
  type SettingSchema,
} from './parsers';

/** One setting: the variable that sets it, its default and meaning as the README shows them, its schema. */
export interface Setting<T> {
  readonly variable: string;
  /** The default as a user would write it; `unset` when leaving it out means something of its own. */
  readonly default: string;
  /** One line: what it does. */
  readonly doc: string;
  /** The zod schema that reads the variable's text into the value; the README's type column comes from it. */
  readonly parse: SettingSchema<T>;
}

const setting = <T>(declared: Setting<T>): Setting<T> => declared;

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;
export type LogLevel = (typeof logLevels)[number];

/**
 * Every setting a Leadger process reads from its environment, declared once: the variable, its default, a
 * line of doc and the schema that reads it. `LeadgerConfig`, the environment's schema, the README's table,
 * the list of known variables and the unknown-variable warnings all come from this table.
 */
export const settings = {
  port: setting({
    variable: 'PORT',
    default: '3000',
    doc: 'HTTP port',
    parse: wholeNumber(3000, 0, 65535),
  }),
  host: setting({
    variable: 'HOST',
    default: '127.0.0.1',
    doc: 'interface to listen on; `0.0.0.0` in a container',
    parse: text('127.0.0.1'),
  }),
  dataDir: setting({
    variable: 'LEADGER_DATA_DIR',
    default: 'data',
    doc: 'folder of the embedded stores (`events.sqlite`, `read-models.sqlite`)',
    parse: text('data'),
  }),
  eventStore: setting({
    variable: 'LEADGER_EVENTSTORE',
    default: 'unset',
    doc: '`sqlite` (embedded), `postgres` (DATABASE_URL) or `eventstoredb` (EVENTSTORE_URL); unset: the one whose URL is set, else `sqlite`',
    parse: optionalChoice(eventStoreKinds),
  }),
  eventStoreUrl: setting({
    variable: 'EVENTSTORE_URL',
    default: 'unset',
    doc: '`esdb://host:2113?tls=false`: the EventStoreDB server of the event store',
    parse: url(/^esdb(\+discover)?:\/\//, 'esdb:// or esdb+discover://'),
  }),
  databaseUrl: setting({
    variable: 'DATABASE_URL',
    default: 'unset',
    doc: '`postgres://user:password@host:5432/db`: the PostgreSQL server of the event store',
    parse: url(/^postgres(ql)?:\/\//, 'postgres:// or postgresql://'),
  }),
  pgSchema: setting({
    variable: 'LEADGER_PG_SCHEMA',
    default: 'leadger',
    doc: 'PostgreSQL schema of the event store, created and migrated at start (several deployments can share a database)',
    parse: matching(
      /^[a-z_][a-z0-9_]{0,39}$/,
      'at most 40 of a-z, 0-9 and _, not starting with a digit',
      'leadger',
    ),
  }),
  sqliteSynchronous: setting({
    variable: 'LEADGER_SQLITE_SYNC',
    default: 'normal',
    doc: '`normal`: an acknowledged append survives a killed process (WAL); `full`: it also survives power loss',
    parse: choice(['normal', 'full'] as const, 'normal'),
  }),
  redisUrl: setting({
    variable: 'REDIS_URL',
    default: 'unset',
    doc: '`redis://host:6379[/db]` keeps read models in Redis; unset means the embedded SQLite read store',
    parse: url(/^rediss?:\/\//, 'redis:// or rediss://'),
  }),
  redisClusterNodes: setting({
    variable: 'REDIS_CLUSTER_NODES',
    default: 'unset',
    doc: '`host:port,host:port` of some Redis Cluster nodes keeps read models in that cluster; set it or `REDIS_URL`, not both',
    parse: hostPortList('redis-1:7000,redis-2:7000'),
  }),
  redisKeyPrefix: setting({
    variable: 'LEADGER_REDIS_PREFIX',
    default: 'leadger:',
    doc: 'prefix of every Redis key, so several deployments can share one Redis',
    parse: redisKeyPrefix('leadger:'),
  }),
  projector: setting({
    variable: 'LEADGER_PROJECTOR',
    default: 'inline',
    doc: '`inline` runs the projector inside the API process; `off` when `apps/projector` workers run beside it',
    parse: choice(['inline', 'off'] as const, 'inline'),
  }),
  projectorBatch: setting({
    variable: 'LEADGER_PROJECTOR_BATCH',
    default: '2000',
    doc: 'events per committed read-model batch',
    parse: wholeNumber(2000, 1, 100_000),
  }),
  projectorLeaseMs: setting({
    variable: 'LEADGER_PROJECTOR_LEASE_MS',
    default: '10000',
    doc: 'how long a silent projector (or policy runner) keeps its lease before another instance takes over',
    parse: wholeNumber(10_000, 100, 3_600_000),
  }),
  readModelMismatch: setting({
    variable: 'LEADGER_READ_MODEL_MISMATCH',
    default: 'rebuild',
    doc: 'read models built from another event store, or past the end of its log (a restored backup): `rebuild` them from this log, or `refuse` to project until they are rebuilt by hand',
    parse: choice(['rebuild', 'refuse'] as const, 'rebuild'),
  }),
  readWaitMs: setting({
    variable: 'LEADGER_READ_WAIT_MS',
    default: '5000',
    doc: 'longest a query with `?after=` waits for the read models before answering 503',
    parse: wholeNumber(5000, 0, 60_000),
  }),
  policiesFile: setting({
    variable: 'LEADGER_POLICIES',
    default: 'config/policies.yaml',
    doc: 'the rules file (YAML, or JSON for `.json`): MQL rules, routing, handoff SLA, revisit days, reason sets, win probabilities; checked at start (see Policies)',
    parse: text('config/policies.yaml'),
  }),
  policiesRunner: setting({
    variable: 'LEADGER_POLICIES_RUNNER',
    default: 'inline',
    doc: '`inline` runs the policies inside the API process; `off` when `apps/worker` processes run them (one acts at a time)',
    parse: choice(['inline', 'off'] as const, 'inline'),
  }),
  policiesTickMs: setting({
    variable: 'LEADGER_POLICIES_TICK_MS',
    default: '1000',
    doc: 'how often the policies look for due timers (a handoff past its SLA, a revisit date come)',
    parse: wholeNumber(1000, 10, 3_600_000),
  }),
  clockToleranceSeconds: setting({
    variable: 'LEADGER_CLOCK_TOLERANCE_SECONDS',
    default: '300',
    doc: "how far past the server's clock a command's `occurredAt` may be (clock skew between callers); later is a 422",
    parse: wholeNumber(300, 0, 86_400),
  }),
  masterKey: setting({
    variable: 'LEADGER_MASTER_KEY',
    default: 'unset',
    doc: "the master key (32 bytes, base64) that wraps each lead's data key and keys the blind index and API key hashes; unset means `<data dir>/master.key`, made at first start",
    parse: optionalText(),
  }),
  oidcIssuer: setting({
    variable: 'LEADGER_OIDC_ISSUER',
    default: 'unset',
    doc: 'accept JWT bearer tokens from this identity provider (the exact `iss`); unset means API keys only',
    parse: optionalText(),
  }),
  oidcAudience: setting({
    variable: 'LEADGER_OIDC_AUDIENCE',
    default: 'unset',
    doc: "the audience (`aud`) tokens must carry, e.g. this API's client id; unset accepts any audience",
    parse: optionalText(),
  }),
  oidcJwksUrl: setting({
    variable: 'LEADGER_OIDC_JWKS_URL',
    default: 'unset',
    doc: "the provider's JWKS URL (https; http only on localhost); or:",
    parse: optionalText(),
  }),
  oidcJwksFile: setting({
    variable: 'LEADGER_OIDC_JWKS_FILE',
    default: 'unset',
    doc: "a JWKS file of the provider's public keys, read at start",
    parse: optionalText(),
  }),
  oidcRolesClaim: setting({
    variable: 'LEADGER_OIDC_ROLES_CLAIM',
    default: 'roles',
    doc: "the claim that lists the caller's roles: a name or a dotted path (`realm_access.roles`)",
    parse: text('roles'),
  }),
  oidcIdClaim: setting({
    variable: 'LEADGER_OIDC_ID_CLAIM',
    default: 'sub',
    doc: "the claim that names the caller, kept as the events' actor (for sales reps: their owner name)",
    parse: text('sub'),
  }),
  oidcClockToleranceSeconds: setting({
    variable: 'LEADGER_OIDC_CLOCK_TOLERANCE_SECONDS',
    default: '60',
    doc: "clock skew allowed on a token's `exp` and `nbf`",
    parse: wholeNumber(60, 0, 300),
  }),
  rateLimitPerMinute: setting({
    variable: 'LEADGER_RATE_LIMIT_PER_MINUTE',
    default: '60000',
    doc: 'requests a principal (or, without a token, an address) may make per minute before 429; `0` turns the limit off',
    parse: wholeNumber(60_000, 0, 100_000_000),
  }),
  corsOrigins: setting({
    variable: 'LEADGER_CORS_ORIGINS',
    default: 'unset',
    doc: 'browser origins allowed to call the API (comma-separated, or `*`); unset means CORS off',
    parse: optionalText(),
  }),
  webhooksRunner: setting({
    variable: 'LEADGER_WEBHOOKS_RUNNER',
    default: 'inline',
    doc: '`inline` delivers webhooks from the API process; `off` when `apps/worker` processes deliver them (one at a time)',
    parse: choice(['inline', 'off'] as const, 'inline'),
  }),
  webhookRetrySeconds: setting({
    variable: 'LEADGER_WEBHOOK_RETRY_SECONDS',
    default: '86400',
    doc: 'how long a failing delivery is retried (exponential backoff with jitter) before it goes to the dead letters',
    parse: wholeNumber(86_400, 1, 30 * 86_400),
  }),
  webhookRetryInitialMs: setting({
    variable: 'LEADGER_WEBHOOK_RETRY_INITIAL_MS',
    default: '1000',
    doc: "a failed delivery's first wait before retrying, doubling per attempt up to an hour",
    parse: wholeNumber(1000, 10, 3_600_000),
  }),
  webhookConcurrency: setting({
    variable: 'LEADGER_WEBHOOK_CONCURRENCY',
    default: '32',
    doc: "deliveries in flight at once per subscription (different leads'; each lead's events stay one at a time)",
    parse: wholeNumber(32, 1, 1000),
  }),
  webhookTimeoutMs: setting({
    variable: 'LEADGER_WEBHOOK_TIMEOUT_MS',
    default: '10000',
    doc: 'how long a receiver may take to answer one delivery before the attempt counts as failed',
    parse: wholeNumber(10_000, 100, 120_000),
  }),
  logLevel: setting({
    variable: 'LOG_LEVEL',
    default: 'info',
    doc: '`fatal`, `error`, `warn`, `info`, `debug` or `trace`',
    parse: choice(logLevels, 'info'),
  }),
  metricsPort: setting({
    variable: 'LEADGER_METRICS_PORT',
    default: 'unset',
    doc: 'also serve `/metrics` and `/health/live` on this port, without a token (API and worker alike), for a scraper on a private network; unset means off',
    parse: optionalWholeNumber(1, 65535),
  }),
  metricsHost: setting({
    variable: 'LEADGER_METRICS_HOST',
    default: '127.0.0.1',
    doc: "interface the metrics port listens on; the private network's address (or `0.0.0.0` in a container) to be scraped from another host",
    parse: text('127.0.0.1'),
  }),
  readyMaxLagSeconds: setting({
    variable: 'LEADGER_READY_MAX_LAG_SECONDS',
    default: '60',
    doc: '`/health/ready` answers `degraded` (still 200) when the policies (or a webhook subscription) are further behind the log than this',
    parse: wholeNumber(60, 1, 86_400),
  }),
};

type Settings = typeof settings;

/** Each setting's value as its variable reads, one field per entry of `settings`. */
type ReadSettings = {
  readonly [K in keyof Settings]: Settings[K] extends Setting<infer T> ? T : never;
};

/** Settings read from the environment at start; `eventStore` is the store chosen (see `chooseEventStore`). */
export type LeadgerConfig = Omit<ReadSettings, 'eventStore'> & { readonly eventStore: EventStoreKind };

/**
 * Variables Leadger no longer reads because their setting moved to the policies file (LEADGER_POLICIES):
 * the variable and the rule that holds its value now. One source of truth: the file, not the environment.
 */
export const movedVariables: Readonly<Record<string, string>> = {
  LEADGER_HANDOFF_SLA_HOURS: 'sla.hours',
  LEADGER_REVISIT_DAYS: 'nurture.revisitDays',
};

/** Pairs of settings that exclude each other: the second must be unset when the first is set. */
const exclusive: readonly (readonly [Setting<unknown>, Setting<unknown>])[] = [
  [settings.redisUrl, settings.redisClusterNodes],
];

/** Every variable a setting is read from, in the order declared. */
export const knownVariables: readonly string[] = Object.values(settings).map((s) => s.variable);

export const LEADGER_CONFIG = Symbol('LEADGER_CONFIG');

export class ConfigError extends Error {
  constructor(
    readonly problems: readonly string[],
    heading = 'invalid configuration',
  ) {
    super(`${heading}:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * The environment as one zod object, keyed by variable in the table's order; other variables pass unread.
 * Built once: every program (API, worker, CLI) reads its settings through `loadConfig`.
 */
const environment = z.object(Object.fromEntries(Object.values(settings).map((s) => [s.variable, s.parse])));

/** Reads and checks the environment; names every bad variable at once rather than failing on the first. */
export function loadConfig(env: NodeJS.ProcessEnv): LeadgerConfig {
  const result = environment.safeParse(env);
  const found = [...(result.success ? [] : problems(result.error.issues, env)), ...conflicts(env)];
  if (!result.success || found.length > 0) throw new ConfigError(found);
  const values: Record<string, unknown> = result.data;
  const read = Object.fromEntries(
    Object.entries(settings).map(([field, { variable }]) => [field, values[variable]]),
  ) as ReadSettings;
  const choice = chooseEventStore(read);
  if ('problem' in choice) throw new ConfigError([choice.problem]);
  return { ...read, eventStore: choice.kind };
}

/** A line per pair of exclusive variables both set (blank counts as unset, as everywhere). */
function conflicts(env: NodeJS.ProcessEnv): string[] {
  const isSet = (variable: string) => Boolean(env[variable]?.trim());
  return exclusive
    .filter(([first, second]) => isSet(first.variable) && isSet(second.variable))
    .map(
      ([first, second]) =>
        `${second.variable} must be unset when ${first.variable} is set (one or the other), got "${env[second.variable]}"`,
    );
}

/** A line per bad variable, its first issue: `PORT must be a whole number from 0 to 65535, got "eighty"`. */
function problems(issues: readonly z.core.$ZodIssue[], env: NodeJS.ProcessEnv): string[] {
  const byVariable = new Map<string, string>();
  for (const { path, message } of issues) {
    const variable = String(path[0]);
    if (!byVariable.has(variable)) byVariable.set(variable, `${variable} ${message}, got "${env[variable]}"`);
  }
  return [...byVariable.values()];
}
