// The worker: keeps every read model up to date from the event log and runs the policies on it, until
// SIGTERM or SIGINT. Production runs it beside the API processes (one active projector per read model, one
// active policy runner; others wait on the leases); `npm start` instead runs both inside the API process.
import { randomUUID } from 'node:crypto';
import { ConfigError, loadConfig, unknownVariableWarnings } from '@leadger/config';
import { createEventStore } from '@leadger/event-store';
import { KeyedMutex, LeadCache, openLeadIdentity } from '@leadger/lead-application';
import { startPolicies, startPolicyRunner } from '@leadger/policy-runtime';
import { startProjector } from '@leadger/projections';
import { createReadStore } from '@leadger/read-store';
import { startWebhookRunner, webhookRunnerOptions, Webhooks } from '@leadger/webhooks';
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
  // The policies' commands go through the vault like the API's: the same data dir (or master key).
  const identity = await openLeadIdentity(config, eventStore, (message) => logger.warn(message));
  const readStore = createReadStore(config);
  const projector = startProjector({
    eventStore,
    readStore,
    logger,
    batchSize: config.projectorBatch,
    leaseMs: config.projectorLeaseMs,
    onReadModelMismatch: config.readModelMismatch,
  });
  const clock = () => new Date();
  const runner = startPolicyRunner({
    eventStore,
    readStore,
    commands: {
      store: eventStore,
      personalData: identity.personalData,
      clock,
      newId: randomUUID,
      clockToleranceMs: config.clockToleranceSeconds * 1000,
      mutex: new KeyedMutex(),
      cache: new LeadCache(),
    },
    rules: policies.loaded.rules,
    digest: policies.loaded.digest,
    tickMs: config.policiesTickMs,
    leaseMs: config.projectorLeaseMs,
    logger,
  });
  const webhooks = startWebhookRunner(
    webhookRunnerOptions(config, {
      eventStore,
      readStore,
      webhooks: new Webhooks(eventStore, identity.keys.webhookSecretsKey),
      identity,
      logger,
    }),
  );
  logger.info('worker started', {
    eventStore: eventStore.kind,
    readStore: readStore.kind,
    dataDir: config.dataDir,
    rules: policies.loaded.digest,
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping', { signal });
    policies.stop();
    Promise.all([runner.stop(), projector.stop(), webhooks.stop()])
      .then(() => Promise.all([readStore.close(), identity.close(), eventStore.close()]))
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
