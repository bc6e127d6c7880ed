import 'reflect-metadata';
import { ConfigError, loadConfig, unknownVariableWarnings } from '@leadger/config';
import { createLogger, logLevelIn } from '@leadger/logging';
import { createApp } from './create-app';

// The lines of `main` itself (the app has its own logger, at the same level, to the same stdout).
const log = createLogger({ name: 'api', level: logLevelIn(process.env) }).child({ context: 'Leadger' });

async function main(): Promise<void> {
  // A misspelt variable would otherwise be ignored without a word, its setting left at the default.
  for (const warning of unknownVariableWarnings(process.env)) log.warn(warning);
  const config = loadConfig(process.env);
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  const store = {
    sqlite: `embedded SQLite in ${config.dataDir}`,
    postgres: `PostgreSQL, schema ${config.pgSchema}`,
    eventstoredb: 'EventStoreDB',
  }[config.eventStore];
  log.info(`Leadger listening on http://${config.host}:${config.port} (event store: ${store})`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) log.fatal(error.message);
  else log.fatal({ err: error }, 'could not start');
  process.exit(1);
});
