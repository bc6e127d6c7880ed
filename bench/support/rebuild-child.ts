// Rebuilds every read model from a seeded log in a process of its own, so its peak RSS is the rebuild's
// alone. In: BENCH_LOG (events.sqlite), BENCH_TARGET (sqlite | redis), BENCH_REDIS_URL, BENCH_REDIS_PREFIX,
// BENCH_READ_MODELS (the SQLite read-store file). Out: one JSON line on stdout.
import { SqliteEventStore } from '@leadger/event-store';
import { rebuildProjections } from '@leadger/projections';
import { RedisReadStore, SqliteReadStore, type ReadStore } from '@leadger/read-store';

async function main(): Promise<void> {
  const env = process.env;
  const eventStore = new SqliteEventStore({ path: String(env.BENCH_LOG) });
  const readStore: ReadStore =
    env.BENCH_TARGET === 'redis'
      ? new RedisReadStore({ url: String(env.BENCH_REDIS_URL), keyPrefix: env.BENCH_REDIS_PREFIX })
      : new SqliteReadStore({ path: String(env.BENCH_READ_MODELS) });
  const started = process.hrtime.bigint();
  let events = 0;
  await rebuildProjections({ eventStore, readStore, onCommitted: (_position, count) => (events += count) });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  await Promise.all([readStore.close(), eventStore.close()]);
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify({ events, ms, maxRssMb })}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
