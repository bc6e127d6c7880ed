import type { ConsumerLag, LogConsumer } from '@leadger/metrics';

/**
 * The consumers whose lag makes the API degraded: those that act on the world, the policies (leads not
 * routed, SLAs not escalated) and webhook subscriptions (integrations not told). A read model behind only
 * makes answers late, which `?after=` already tells; the projector's state is reported on its own.
 */
const READINESS_LAG_KINDS: ReadonlySet<string> = new Set(['policies', 'webhook']);

export function countsForReadiness(consumer: LogConsumer): boolean {
  return READINESS_LAG_KINDS.has(consumer.kind);
}

/** What readiness says of one consumer too far behind. */
export interface Lagging {
  readonly kind: string;
  readonly consumer: string;
  readonly seconds: number;
  readonly events: number;
}

/** The consumers further behind than `maxSeconds`, worst first. */
export function lagging(lags: readonly ConsumerLag[], maxSeconds: number): Lagging[] {
  return lags
    .filter((lag) => lag.seconds > maxSeconds)
    .sort((a, b) => b.seconds - a.seconds)
    .map(({ consumer, seconds, events }) => ({
      kind: consumer.kind,
      consumer: consumer.id,
      seconds: Math.round(seconds),
      events,
    }));
}
