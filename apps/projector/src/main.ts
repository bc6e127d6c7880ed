// The projector worker: keeps every read model up to date from the event log until SIGTERM or SIGINT.
// Production runs it beside the API processes (one active projector per read model; others wait on the
// lease); `npm start` instead calls `startProjector` inside the API process.
import { ConfigError, loadConfig, unknownVariableWarnings } from '@leadger/config';
import { createEventStore } from '@leadger/event-store';
import { startPolicies } from '@leadger/policy-runtime';
import { startProjector } from '@leadger/projections';
import { createReadStore } from '@leadger/read-store';
import { jsonLogger } from './json-logger';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = jsonLogger(config.logLevel);
  // A misspelt variable would otherwise be ignored without a word, its setting left at the default.
  for (const warning of unknownVariableWarnings(process.env)) logger.warn(warning);
  const eventStore = createEventStore(config);
  // The rules are checked at once (a bad file stops the worker, naming each line and field) and recorded
  // when they changed, as the API does, retrying while the store is down: the policies act on them.
  const policies = startPolicies(eventStore, config.policiesFile, {
    onRetry: (error, attempt) =>
      logger.warn('could not record the rules yet', { attempt, error: error.message }),
  });
  void policies.inForce.then(({ digest, source, changedAt }) =>
    logger.info('policies in force', { digest, source, changedAt }),
  );
  const readStore = createReadStore(config);
  const projector = startProjector({
    eventStore,
    readStore,
    logger,
    batchSize: config.projectorBatch,
    leaseMs: config.projectorLeaseMs,
    onReadModelMismatch: config.readModelMismatch,
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
    policies.stop();
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
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
