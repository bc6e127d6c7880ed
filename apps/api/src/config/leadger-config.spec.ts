import { ConfigError, loadConfig } from './leadger-config';

describe('loadConfig', () => {
  it('defaults to the embedded store on 127.0.0.1:3000 with ./data', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      host: '127.0.0.1',
      dataDir: 'data',
      eventStoreUrl: undefined,
      sqliteSynchronous: 'normal',
      logLevel: 'info',
    });
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      LEADGER_DATA_DIR: '/var/lib/leadger',
      EVENTSTORE_URL: 'esdb://localhost:2113?tls=false',
      LEADGER_SQLITE_SYNC: 'FULL',
      LOG_LEVEL: 'debug',
    });
    expect(config).toEqual({
      port: 8080,
      host: '0.0.0.0',
      dataDir: '/var/lib/leadger',
      eventStoreUrl: 'esdb://localhost:2113?tls=false',
      sqliteSynchronous: 'full',
      logLevel: 'debug',
    });
  });

  it('names every bad variable at once', () => {
    const attempt = () =>
      loadConfig({
        PORT: 'eighty',
        LEADGER_SQLITE_SYNC: 'sometimes',
        LOG_LEVEL: 'loud',
        EVENTSTORE_URL: 'http://x',
      });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const problems = (error as ConfigError).problems.join('\n');
      for (const name of ['PORT', 'LEADGER_SQLITE_SYNC', 'LOG_LEVEL', 'EVENTSTORE_URL'])
        expect(problems).toContain(name);
    }
  });
});
