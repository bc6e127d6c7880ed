// The projector worker: keeps every read model up to date from the event log until SIGTERM or SIGINT.
// Production runs it beside the API processes (one active projector per read model; others wait on the
// lease); `npm start` instead calls `startProjector` inside the API process.
import { createEventStore } from '@leadger/event-store';
import { startProjector } from '@leadger/projections';
import { createReadStore } from '@leadger/read-store';
import { jsonLogger } from './json-logger';
import { loadProjectorConfig } from './projector-config';

async function main(): Promise<void> {
  const config = loadProjectorConfig(process.env);
  const logger = jsonLogger(config.logLevel);
  const eventStore = createEventStore(config);
  const readStore = createReadStore(config);
  const projector = startProjector({
    eventStore,
    readStore,
    logger,
    batchSize: config.batchSize,
    leaseMs: config.leaseMs,
  });
  logger.info('projector started', {
    eventStore: eventStore.kind,
    readStore: readStore.kind,
    dataDir: config.dataDir,
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping', { signal });
    projector
      .stop()
      .then(() => Promise.all([readStore.close(), eventStore.close()]))
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error('unclean stop', { error: String(error) });
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
