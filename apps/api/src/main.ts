import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig, unknownVariableWarnings } from '@leadger/config';
import { createApp } from './create-app';

async function main(): Promise<void> {
  // A misspelt variable would otherwise be ignored without a word, its setting left at the default.
  for (const warning of unknownVariableWarnings(process.env)) Logger.warn(warning, 'Config');
  const config = loadConfig(process.env);
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  const store = config.eventStoreUrl ? 'EventStoreDB' : `embedded SQLite in ${config.dataDir}`;
  Logger.log(`Leadger listening on http://${config.host}:${config.port} (event store: ${store})`, 'Leadger');
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
