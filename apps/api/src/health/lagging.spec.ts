import type { ConsumerLag } from '@leadger/metrics';
import { countsForReadiness, lagging } from './lagging';

const lag = (kind: string, id: string, seconds: number, events = 1): ConsumerLag => ({
  consumer: { kind, id },
  seconds,
  events,
});

describe('lagging', () => {
  it('names only the consumers further behind than the threshold, worst first, in whole seconds', () => {
    const lags = [
      lag('policies', 'policies', 61.4, 7),
      lag('webhook', 'webhook:a', 60),
      lag('webhook', 'webhook:b', 300.6, 40),
    ];
    expect(lagging(lags, 60)).toEqual([
      { kind: 'webhook', consumer: 'webhook:b', seconds: 301, events: 40 },
      { kind: 'policies', consumer: 'policies', seconds: 61, events: 7 },
    ]);
  });

  it('names none when every consumer is within the threshold or caught up', () => {
    expect(lagging([lag('policies', 'policies', 0, 0), lag('webhook', 'webhook:a', 59.9)], 60)).toEqual([]);
  });
});

describe('countsForReadiness', () => {
  it('counts the policies and webhook subscriptions, not read models', () => {
    expect(countsForReadiness({ kind: 'policies', id: 'policies' })).toBe(true);
    expect(countsForReadiness({ kind: 'webhook', id: 'webhook:a' })).toBe(true);
    expect(countsForReadiness({ kind: 'read_model', id: 'funnel' })).toBe(false);
  });
});
