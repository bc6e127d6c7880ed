import { ConfigError, loadConfig, settings } from './leadger-config';

describe('loadConfig', () => {
  it('defaults to the embedded store on 127.0.0.1:3000 with ./data', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      host: '127.0.0.1',
      dataDir: 'data',
      eventStore: 'sqlite',
      eventStoreUrl: undefined,
      databaseUrl: undefined,
      pgSchema: 'leadger',
      sqliteSynchronous: 'normal',
      redisUrl: undefined,
      redisClusterNodes: undefined,
      redisKeyPrefix: 'leadger:',
      projector: 'inline',
      projectorBatch: 2000,
      projectorLeaseMs: 10000,
      readModelMismatch: 'rebuild',
      readWaitMs: 5000,
      policiesFile: 'config/policies.yaml',
      policiesRunner: 'inline',
      policiesTickMs: 1000,
      clockToleranceSeconds: 300,
      masterKey: undefined,
      oidcIssuer: undefined,
      oidcAudience: undefined,
      oidcJwksUrl: undefined,
      oidcJwksFile: undefined,
      oidcRolesClaim: 'roles',
      oidcIdClaim: 'sub',
      oidcClockToleranceSeconds: 60,
      rateLimitPerMinute: 60000,
      corsOrigins: undefined,
      webhooksRunner: 'inline',
      webhookRetrySeconds: 86_400,
      webhookRetryInitialMs: 1000,
      webhookConcurrency: 32,
      webhookTimeoutMs: 10_000,
      logLevel: 'info',
      metricsPort: undefined,
      metricsHost: '127.0.0.1',
      readyMaxLagSeconds: 60,
    });
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      LEADGER_DATA_DIR: '/var/lib/leadger',
      EVENTSTORE_URL: 'esdb://localhost:2113?tls=false',
      LEADGER_PG_SCHEMA: 'crm_events',
      LEADGER_SQLITE_SYNC: 'FULL',
      REDIS_URL: 'redis://cache:6379/2',
      LEADGER_REDIS_PREFIX: 'crm:',
      LEADGER_PROJECTOR: 'off',
      LEADGER_PROJECTOR_BATCH: '500',
      LEADGER_PROJECTOR_LEASE_MS: '3000',
      LEADGER_READ_MODEL_MISMATCH: 'Refuse',
      LEADGER_READ_WAIT_MS: '100',
      LEADGER_POLICIES: '/etc/leadger/policies.json',
      LEADGER_CLOCK_TOLERANCE_SECONDS: '60',
      LEADGER_MASTER_KEY: 'a2V5',
      LEADGER_OIDC_ISSUER: 'https://id.example.com/',
      LEADGER_OIDC_AUDIENCE: 'leadger',
      LEADGER_OIDC_JWKS_URL: 'https://id.example.com/jwks',
      LEADGER_OIDC_JWKS_FILE: '/etc/leadger/jwks.json',
      LEADGER_OIDC_ROLES_CLAIM: 'realm_access.roles',
      LEADGER_OIDC_ID_CLAIM: 'preferred_username',
      LEADGER_OIDC_CLOCK_TOLERANCE_SECONDS: '30',
      LEADGER_RATE_LIMIT_PER_MINUTE: '0',
      LEADGER_CORS_ORIGINS: 'https://crm.example.com',
      LEADGER_POLICIES_RUNNER: 'off',
      LEADGER_POLICIES_TICK_MS: '250',
      LOG_LEVEL: 'debug',
      LEADGER_METRICS_PORT: '9464',
      LEADGER_METRICS_HOST: '10.0.0.5',
      LEADGER_READY_MAX_LAG_SECONDS: '300',
      LEADGER_WEBHOOKS_RUNNER: 'off',
      LEADGER_WEBHOOK_RETRY_SECONDS: '3600',
      LEADGER_WEBHOOK_RETRY_INITIAL_MS: '500',
      LEADGER_WEBHOOK_CONCURRENCY: '4',
      LEADGER_WEBHOOK_TIMEOUT_MS: '2000',
    });
    expect(config).toEqual({
      port: 8080,
      host: '0.0.0.0',
      dataDir: '/var/lib/leadger',
      eventStore: 'eventstoredb',
      eventStoreUrl: 'esdb://localhost:2113?tls=false',
      databaseUrl: undefined,
      pgSchema: 'crm_events',
      sqliteSynchronous: 'full',
      redisUrl: 'redis://cache:6379/2',
      redisClusterNodes: undefined,
      redisKeyPrefix: 'crm:',
      projector: 'off',
      projectorBatch: 500,
      projectorLeaseMs: 3000,
      readModelMismatch: 'refuse',
      readWaitMs: 100,
      policiesFile: '/etc/leadger/policies.json',
      policiesRunner: 'off',
      policiesTickMs: 250,
      clockToleranceSeconds: 60,
      masterKey: 'a2V5',
      oidcIssuer: 'https://id.example.com/',
      oidcAudience: 'leadger',
      oidcJwksUrl: 'https://id.example.com/jwks',
      oidcJwksFile: '/etc/leadger/jwks.json',
      oidcRolesClaim: 'realm_access.roles',
      oidcIdClaim: 'preferred_username',
      oidcClockToleranceSeconds: 30,
      rateLimitPerMinute: 0,
      corsOrigins: 'https://crm.example.com',
      webhooksRunner: 'off',
      webhookRetrySeconds: 3600,
      webhookRetryInitialMs: 500,
      webhookConcurrency: 4,
      webhookTimeoutMs: 2000,
      logLevel: 'debug',
      metricsPort: 9464,
      metricsHost: '10.0.0.5',
      readyMaxLagSeconds: 300,
    });
  });

  it('names every bad variable at once', () => {
    const attempt = () =>
      loadConfig({
        PORT: 'eighty',
        LEADGER_SQLITE_SYNC: 'sometimes',
        LOG_LEVEL: 'loud',
        EVENTSTORE_URL: 'http://x',
        LEADGER_EVENTSTORE: 'mongo',
        DATABASE_URL: 'mysql://db/leads',
        LEADGER_PG_SCHEMA: 'Leadger-Events',
        REDIS_URL: 'localhost:6379',
        LEADGER_PROJECTOR: 'sometimes',
        LEADGER_PROJECTOR_BATCH: '0',
        LEADGER_READ_WAIT_MS: 'forever',
        LEADGER_CLOCK_TOLERANCE_SECONDS: '-5',
        LEADGER_READ_MODEL_MISMATCH: 'ignore',
        LEADGER_METRICS_PORT: '0',
        LEADGER_READY_MAX_LAG_SECONDS: 'soon',
      });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const problems = (error as ConfigError).problems.join('\n');
      for (const name of [
        'PORT',
        'LEADGER_SQLITE_SYNC',
        'LOG_LEVEL',
        'EVENTSTORE_URL',
        'LEADGER_EVENTSTORE',
        'DATABASE_URL',
        'LEADGER_PG_SCHEMA',
        'REDIS_URL',
        'LEADGER_PROJECTOR',
        'LEADGER_PROJECTOR_BATCH',
        'LEADGER_READ_WAIT_MS',
        'LEADGER_READ_MODEL_MISMATCH',
        'LEADGER_CLOCK_TOLERANCE_SECONDS',
        'LEADGER_METRICS_PORT',
        'LEADGER_READY_MAX_LAG_SECONDS',
      ])
        expect(problems).toContain(name);
    }
  });

  it('says of each bad variable, once and in the declared order, what it must be and what it got', () => {
    const problems = () => {
      try {
        loadConfig({
          LOG_LEVEL: 'Loud',
          LEADGER_PROJECTOR_BATCH: '1.5',
          LEADGER_READ_WAIT_MS: '-1.5',
          REDIS_URL: 'localhost:6379',
          PORT: '70000',
        });
      } catch (error) {
        return (error as ConfigError).problems;
      }
      throw new Error('loadConfig accepted a bad environment');
    };
    expect(problems()).toEqual([
      'PORT must be a whole number from 0 to 65535, got "70000"',
      'REDIS_URL must start with redis:// or rediss://, got "localhost:6379"',
      'LEADGER_PROJECTOR_BATCH must be a whole number from 1 to 100000, got "1.5"',
      'LEADGER_READ_WAIT_MS must be a whole number from 0 to 60000, got "-1.5"',
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, got "Loud"',
    ]);
  });

  it('reads Redis Cluster nodes, as names, IPv4 or bracketed IPv6 addresses with ports', () => {
    const nodes = ' redis-1:7000, 10.0.0.2:7001,[::1]:7002 ';
    expect(loadConfig({ REDIS_CLUSTER_NODES: nodes }).redisClusterNodes).toBe(nodes.trim());
    expect(
      loadConfig({ REDIS_CLUSTER_NODES: ' ', REDIS_URL: 'redis://a' }).redisClusterNodes,
    ).toBeUndefined();
  });

  it.each([
    'redis-1',
    'redis-1:0',
    'redis-1:70000',
    'redis://redis-1:7000',
    'a:7000,,b:7000',
    'a:7000;b:7000',
  ])('refuses REDIS_CLUSTER_NODES=%s, naming the variable', (nodes) => {
    expect(() => loadConfig({ REDIS_CLUSTER_NODES: nodes })).toThrow(
      `REDIS_CLUSTER_NODES must be host:port pairs separated by commas (redis-1:7000,redis-2:7000), got "${nodes}"`,
    );
  });

  it('reads a Redis prefix with a hash tag, and refuses braces that make none', () => {
    expect(loadConfig({ LEADGER_REDIS_PREFIX: 'crm:{eu}:' }).redisKeyPrefix).toBe('crm:{eu}:');
    for (const prefix of ['crm:{}:', 'crm:{eu', 'crm}:'])
      expect(() => loadConfig({ LEADGER_REDIS_PREFIX: prefix })).toThrow(
        `LEADGER_REDIS_PREFIX must have braces only around a hash tag, as in crm:{eu}:, got "${prefix}"`,
      );
  });

  it('refuses REDIS_URL and REDIS_CLUSTER_NODES together, beside any other bad variable', () => {
    const attempt = () =>
      loadConfig({ REDIS_URL: 'redis://cache:6379', REDIS_CLUSTER_NODES: 'a:7000', PORT: 'eighty' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(
      'PORT must be a whole number from 0 to 65535, got "eighty"\n' +
        '  REDIS_CLUSTER_NODES must be unset when REDIS_URL is set (one or the other), got "a:7000"',
    );
  });

  it('trims what is set and reads a blank variable as unset, but for the Redis prefix, where blank is a choice', () => {
    const config = loadConfig({
      PORT: ' 8080 ',
      HOST: '  ',
      LEADGER_PROJECTOR: ' OFF ',
      REDIS_URL: ' ',
      LEADGER_MASTER_KEY: '',
      LEADGER_REDIS_PREFIX: '',
    });
    expect(config).toMatchObject({ port: 8080, host: '127.0.0.1', projector: 'off', redisKeyPrefix: '' });
    expect(config.redisUrl).toBeUndefined();
    expect(config.masterKey).toBeUndefined();
  });

  it.each(Object.values(settings))('declares $variable’s default as its schema reads it unset', (setting) => {
    const value = setting.parse.parse(undefined);
    expect(value === undefined ? 'unset' : String(value)).toBe(setting.default);
  });
});
