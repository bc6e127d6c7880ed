import { defaultDeliveryPolicy, sendMessage } from '@leadger/webhooks';
import { startReceiver, type Receiver } from '../test/support/webhook-receiver';
import { compared, type Figure } from './support/figures';
import {
  adminHeaders,
  drive,
  keyHeaders,
  latency,
  shapes,
  withShape,
  type Load,
  type Shape,
} from './support/http-load';
import { perSecond, pool, progress, timed } from './support/timing';

// 5. What operations cost on the request path, each beside the same run without it: the request log line
// (LOG_LEVEL info vs warn), a webhook subscription to every event (`*`, delivered to a local receiver), and
// how fast the deliverer empties a backlog against the same signed POSTs sent bare (its `sendMessage`, nothing
// read, staged or logged) to the same receiver.

const ALL_IN_ONE = shapes[0];
/** Leads captured while a subscription is paused: the backlog delivered when it resumes. */
const BACKLOG = 3000;
/** At most this many deliveries in flight per subscription, as the deliverer sends them by default. */
const IN_FLIGHT = defaultDeliveryPolicy.concurrency;

const captures = (i: number, tag: string) => ({
  path: '/leads',
  body: JSON.stringify({ email: `${tag}${i}@bench.test`, source: 'bench' }),
});

export async function operationsBench(options: { seconds: number }): Promise<Figure[]> {
  const quiet = await captureLoad('warn', options.seconds);
  const logged = await captureLoad('info', options.seconds);
  const receiver = await startReceiver(() => 200);
  try {
    const hooked: Hooked[] = [];
    for (const shape of shapes) hooked.push(await withWebhook(shape, receiver, options.seconds));
    const backlog = await deliveryRate(receiver);
    return [
      compared(
        'operations.request-log',
        `HTTP POST /leads, ${ALL_IN_ONE.name}, request log lines on (LOG_LEVEL info)`,
        logged.rps,
        'requests/s',
        {
          name: 'the same at LOG_LEVEL warn (no request lines)',
          value: quiet.rps,
        },
        { notes: `${latency(logged)}; without: ${latency(quiet)}` },
      ),
      compared(
        'operations.webhook-subscription',
        `HTTP POST /leads, ${ALL_IN_ONE.name}, one webhook subscription to every event`,
        hooked[0].load.rps,
        'requests/s',
        {
          name: 'the same without a subscription',
          value: logged.rps,
        },
        { notes: latency(hooked[0].load) },
      ),
      ...hooked.map(({ shape, load, lag }): Figure => ({
        id: `operations.webhook-lag.${shape.id}`,
        name: `webhook delivery lag (event → receiver), ${shape.name}, full load`,
        value: lag.p99,
        unit: 'ms p99',
        baseline: { name: 'HTTP p99 of the captures', value: load.p99, unit: 'ms' },
        target: { text: 'p99 < 1 s', met: lag.p99 < 1000 },
        notes: `p50 ${lag.p50} ms over ${lag.deliveries} deliveries during the load; captures ${Math.round(load.rps)}/s`,
      })),
      compared(
        'operations.webhook-backlog',
        'webhook deliveries/s, a backlog to a local receiver',
        backlog.delivered,
        'deliveries/s',
        {
          name: `the same signed POSTs sent bare, ${IN_FLIGHT} in flight`,
          value: backlog.plain,
        },
        { notes: `${BACKLOG} LeadCaptured events queued while the subscription was paused, then resumed` },
      ),
    ];
  } finally {
    await receiver.close();
  }
}

function captureLoad(level: string, seconds: number): Promise<Load> {
  return withShape(ALL_IN_ONE, { LOG_LEVEL: level }, async (origin, dataDir) => {
    const headers = await keyHeaders(origin, dataDir, ['service']);
    progress(`operations: POST /leads, ${ALL_IN_ONE.name}, LOG_LEVEL ${level}, ${seconds} s`);
    return drive(origin, seconds, (i) => captures(i, `log-${level}-`), headers);
  });
}

async function subscribe(origin: string, dataDir: string, url: string): Promise<string> {
  const reply = await fetch(`${origin}/webhooks`, {
    method: 'POST',
    headers: adminHeaders(dataDir),
    body: JSON.stringify({ url, events: ['*'] }),
  });
  if (reply.status !== 201) throw new Error(`POST /webhooks answered ${reply.status}: ${await reply.text()}`);
  return ((await reply.json()) as { webhook: { webhookId: string } }).webhook.webhookId;
}

interface Hooked {
  readonly shape: Shape;
  readonly load: Load;
  readonly lag: { readonly p50: number; readonly p99: number; readonly deliveries: number };
}

/** The capture load with a `*` subscription, delivered by the API itself or by the worker; the lag seen. */
function withWebhook(shape: Shape, receiver: Receiver, seconds: number): Promise<Hooked> {
  return withShape(shape, { LOG_LEVEL: 'info' }, async (origin, dataDir) => {
    const headers = await keyHeaders(origin, dataDir, ['service']);
    await subscribe(origin, dataDir, receiver.url);
    // The deliverer looks for new subscriptions every second.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    progress(
      `operations: POST /leads with a webhook subscription to every event, ${shape.name}, ${seconds} s`,
    );
    const from = receiver.received.length;
    const load = await drive(origin, seconds, (i) => captures(i, 'hooked-'), headers);
    const lags = receiver.received
      .slice(from)
      .map((got) => got.at - Date.parse((JSON.parse(got.body) as { timestamp: string }).timestamp))
      .sort((a, b) => a - b);
    const at = (q: number) => lags[Math.min(lags.length - 1, Math.floor(q * lags.length))] ?? NaN;
    return {
      shape,
      load,
      lag: { p50: at(0.5), p99: at(0.99), deliveries: lags.length },
    };
  });
}

/** A backlog delivered once its subscription resumes, and plain signed POSTs of as many messages. */
async function deliveryRate(receiver: Receiver): Promise<{ delivered: number; plain: number }> {
  const delivered = await withShape(ALL_IN_ONE, { LOG_LEVEL: 'warn' }, async (origin, dataDir) => {
    const headers = await keyHeaders(origin, dataDir, ['service']);
    const admin = adminHeaders(dataDir);
    const webhookId = await subscribe(origin, dataDir, receiver.url);
    await fetch(`${origin}/webhooks/${webhookId}/pause`, { method: 'POST', headers: admin, body: '{}' });
    progress(`operations: ${BACKLOG} captures while the subscription is paused`);
    await pool(BACKLOG, 50, async (i) => {
      const { path, body } = captures(i, 'backlog-');
      const reply = await fetch(`${origin}${path}`, { method: 'POST', headers, body });
      await reply.body?.cancel();
    });
    const from = receiver.received.length;
    progress(`operations: resume; the deliverer sends the backlog`);
    const { ms } = await timed(async () => {
      await fetch(`${origin}/webhooks/${webhookId}/resume`, { method: 'POST', headers: admin, body: '{}' });
      while (receiver.received.length - from < BACKLOG)
        await new Promise((resolve) => setTimeout(resolve, 5));
    });
    return perSecond(BACKLOG, ms);
  });
  progress(`operations: ${BACKLOG} plain signed POSTs, ${IN_FLIGHT} in flight`);
  const secret = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
  const { ms } = await timed(() =>
    pool(BACKLOG, IN_FLIGHT, async (i) => {
      const body = JSON.stringify({ type: 'LeadCaptured', timestamp: new Date().toISOString(), data: { i } });
      const sent = await sendMessage(
        { url: receiver.url, secret, messageId: `msg_plain_${i}`, body },
        10_000,
      );
      if (sent.error) throw new Error(`a plain POST failed: ${sent.error}`);
    }),
  );
  return { delivered, plain: perSecond(BACKLOG, ms) };
}
