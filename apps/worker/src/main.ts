// The worker: keeps every read model up to date from the event log, runs the policies on it and delivers
// the webhooks, until SIGTERM or SIGINT. Production runs it beside the API processes (one active projector
// per read model, one active policy runner, one webhook deliverer; others wait on the leases); `npm start`
// instead runs all three inside the API process.
import { randomUUID } from 'node:crypto';
import { ConfigError, loadConfig, unknownVariableWarnings } from '@leadger/config';
import { createEventStore } from '@leadger/event-store';
import { KeyedMutex, LeadCache, openLeadIdentity } from '@leadger/lead-application';
import { LeadgerMetrics, serveMetrics } from '@leadger/metrics';
import { startPolicies, startPolicyRunner } from '@leadger/policy-runtime';
import { createLogger, logLevelIn, workerLogger } from '@leadger/logging';
import { startProjector } from '@leadger/projections';
import { createReadStore } from '@leadger/read-store';
import {
  attemptOutcome,
  startWebhookRunner,
  webhookConsumers,
  webhookRunnerOptions,
  Webhooks,
} from '@leadger/webhooks';

const log = createLogger({ name: 'worker', level: logLevelIn(process.env) });

async function main(): Promise<void> {
  const logger = workerLogger(log, 'Worker');
  const policiesLogger = workerLogger(log, 'Policies');
  // A misspelt variable would otherwise be ignored without a word, its setting left at the default.
  for (const warning of unknownVariableWarnings(process.env)) logger.warn(warning);
  const config = loadConfig(process.env);
  const eventStore = createEventStore(config);
  // The rules are checked at once (a bad file stops the worker, naming each line and field) and recorded
  // when they changed, as the API does, retrying while the store is down: the policies act on them.
  const policies = startPolicies(eventStore, config.policiesFile, {
    onRetry: (error, attempt) =>
      policiesLogger.warn('could not record the rules yet', { attempt, error: error.message }),
  });
  void policies.inForce.then(({ digest, source, changedAt }) =>
    policiesLogger.info('policies in force', { digest, source, changedAt }),
  );
  // The policies' commands go through the vault like the API's: the same data dir (or master key).
  const identity = await openLeadIdentity(config, eventStore, (message) => logger.warn(message));
  const readStore = createReadStore(config);
  const projector = startProjector({
    eventStore,
    readStore,
    logger: workerLogger(log, 'Projector'),
    batchSize: config.projectorBatch,
    leaseMs: config.projectorLeaseMs,
    onReadModelMismatch: config.readModelMismatch,
  });
  const clock = () => new Date();
  // The worker's own metrics (its policies' commands and effects, every consumer's lag), seen only on the
  // metrics port: it serves no other HTTP.
  const metrics = new LeadgerMetrics();
  metrics.watchLag(eventStore, readStore);
  const cache = new LeadCache();
  metrics.watchLeadCache(cache);
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
      cache,
      observer: metrics.commands,
    },
    rules: policies.loaded.rules,
    digest: policies.loaded.digest,
    tickMs: config.policiesTickMs,
    leaseMs: config.projectorLeaseMs,
    logger: policiesLogger,
    onEffect: (entry, outcome) => metrics.policyEffect(entry.policy.name, outcome),
  });
  const metricsServer =
    config.metricsPort === undefined
      ? undefined
      : await serveMetrics(metrics, config.metricsHost, config.metricsPort);
  const subscriptions = new Webhooks(eventStore, identity.keys.webhookSecretsKey);
  metrics.consumers.add(() => webhookConsumers(subscriptions));
  const webhooks = startWebhookRunner(
    webhookRunnerOptions(config, {
      eventStore,
      readStore,
      webhooks: subscriptions,
      identity,
      logger: workerLogger(log, 'Webhooks'),
      onAttempt: (_webhookId, attempt, state) =>
        metrics.webhooks.delivered(attemptOutcome(state), attempt.latencyMs / 1000),
    }),
  );
  logger.info('worker started', {
    eventStore: eventStore.kind,
    readStore: readStore.kind,
    dataDir: config.dataDir,
    rules: policies.loaded.digest,
    metricsPort: metricsServer?.port ?? null,
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping', { signal });
    policies.stop();
    Promise.all([runner.stop(), projector.stop(), webhooks.stop(), metricsServer?.close()])
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
  if (error instanceof ConfigError) log.fatal(error.message);
  else log.fatal({ err: error }, 'could not start');
  process.exit(1);
});
