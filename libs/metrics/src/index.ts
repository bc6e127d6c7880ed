// Metrics as an add-on at the edge (prom-client): the libraries below expose observers and hooks, and this
// one measures through them. The API and the worker each make one `LeadgerMetrics`.
export { LeadgerMetrics } from './leadger-metrics';
export { CommandMetrics } from './command-metrics';
export { WebhookMetrics } from './webhook-metrics';
export { consumerLag, type ConsumerLag } from './consumer-lag';
export { builtInConsumers, LogConsumers, type ConsumerSource, type LogConsumer } from './log-consumers';
export { serveMetrics, type MetricsServer } from './metrics-server';
