import { Registry } from 'prom-client';
import type { ConsumerLag } from './consumer-lag';
import { LagMetrics } from './lag-metrics';

const lag = (kind: string, id: string, events: number, seconds: number): ConsumerLag => ({
  consumer: { kind, id },
  events,
  seconds,
});

describe('LagMetrics', () => {
  it('shows each consumer in events and seconds from one reading per scrape', async () => {
    const registry = new Registry();
    let readings = 0;
    let lags = [lag('read_model', 'funnel', 0, 0), lag('policies', 'policies', 12, 3.5)];
    new LagMetrics(registry, async () => {
      readings++;
      return lags;
    });
    const text = await registry.metrics();
    expect(readings).toBe(1);
    expect(text).toContain('leadger_consumer_lag_events{kind="policies",consumer="policies"} 12');
    expect(text).toContain('leadger_consumer_lag_seconds{kind="policies",consumer="policies"} 3.5');
    expect(text).toContain('leadger_consumer_lag_events{kind="read_model",consumer="funnel"} 0');

    // A consumer gone (a deleted webhook subscription) is gone from the next scrape.
    lags = [lag('policies', 'policies', 0, 0)];
    await new Promise((resolve) => setImmediate(resolve));
    const next = await registry.metrics();
    expect(readings).toBe(2);
    expect(next).not.toContain('consumer="funnel"');
    expect(next).toContain('leadger_consumer_lag_events{kind="policies",consumer="policies"} 0');
  });

  it('shows no lag samples, and still scrapes, when the stores cannot be read', async () => {
    const registry = new Registry();
    new LagMetrics(registry, () => Promise.reject(new Error('connect ECONNREFUSED')));
    const text = await registry.metrics();
    expect(text).toContain('# TYPE leadger_consumer_lag_seconds gauge');
    expect(text).not.toContain('leadger_consumer_lag_seconds{');
  });
});
