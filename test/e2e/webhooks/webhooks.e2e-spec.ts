import { Webhook } from 'standardwebhooks';
import { WebhookRunnerService } from '../../../apps/api/src/webhooks/webhook-runner.service';
import { command, send } from '../../support/lead-api';
import { leadAt, uniqueEmail, bodies } from '../../support/lead-journeys';
import { startTestApp, type TestApp } from '../../support/test-app';
import { startReceiver, type Behaviour, type Receiver } from '../../support/webhook-receiver';

// Webhooks through the API, delivered by the app's own deliverer to real HTTP receivers on loopback ports
// that answer 200, 500, hang past the timeout, reset the connection, or flap.

interface Message {
  readonly type: string;
  readonly data: {
    readonly eventId: string;
    readonly leadId: string;
    readonly revision: string;
    readonly position: string;
    readonly type: string;
    readonly stage: { readonly before: string; readonly after: string };
    readonly personalData: string;
    readonly event: Record<string, unknown>;
  };
}

interface DeliveryAnswer {
  readonly deliveryId: string;
  readonly messageId: string;
  readonly state: string;
  readonly attempts: number;
  readonly history: { status: number | null; error: string | null; latencyMs: number }[];
}

const settings = { LEADGER_WEBHOOK_TIMEOUT_MS: '300', LEADGER_WEBHOOK_RETRY_INITIAL_MS: '50' };
const receivers: Receiver[] = [];

async function receiver(behaviour: Behaviour): Promise<Receiver> {
  const started = await startReceiver(behaviour);
  receivers.push(started);
  return started;
}

async function subscribe(test: TestApp, body: object): Promise<{ webhookId: string; secret: string }> {
  const reply = await send(test.app, { method: 'POST', url: '/webhooks', payload: body });
  expect(reply.statusCode).toBe(201);
  const { webhook, secret } = reply.json<{ webhook: { webhookId: string }; secret: string }>();
  // Answered once the deliverer of this process delivers it: no waiting for its next look.
  expect(delivering(test)).toContain(webhook.webhookId);
  return { webhookId: webhook.webhookId, secret };
}

/** The subscriptions this process's deliverer runs now. */
function delivering(test: TestApp): string[] {
  const status = test.app.get(WebhookRunnerService).status();
  return status === 'off' ? [] : Object.keys(status.subscriptions);
}

async function deliveries(test: TestApp, webhookId: string, query = ''): Promise<DeliveryAnswer[]> {
  const reply = await send(test.app, { method: 'GET', url: `/webhooks/${webhookId}/deliveries${query}` });
  expect(reply.statusCode).toBe(200);
  return reply.json<{ items: DeliveryAnswer[] }>().items;
}

/** Waits until `check` passes (the deliverer commits its log every 200 ms). */
async function eventually(check: () => Promise<void>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

const messageOf = (body: string) => JSON.parse(body) as Message;

afterAll(async () => {
  for (const started of receivers) await started.close();
});

describe('webhooks', () => {
  let test: TestApp;
  beforeAll(async () => (test = await startTestApp(undefined, settings)));
  afterAll(() => test.dispose());

  it('delivers each selected event once, signed, with its stage before and after, in order per lead, without personal data', async () => {
    const hooks = await receiver(() => 200);
    const { webhookId, secret } = await subscribe(test, {
      url: hooks.url,
      events: ['stage:sal', 'LeadHandedOff'],
    });
    const leads = [await leadAt(test.app, 'sal'), await leadAt(test.app, 'sal')];
    await hooks.waitFor(4);

    const verifier = new Webhook(secret);
    const messages = hooks.received.map((got) => {
      verifier.verify(got.body, got.headers as Record<string, string>);
      return { id: got.headers['webhook-id'], message: messageOf(got.body) };
    });
    for (const leadId of leads) {
      const mine = messages
        .filter(({ message }) => message.data.leadId === leadId)
        .map(({ message }) => message);
      expect(mine.map((message) => [message.type, message.data.stage])).toEqual([
        ['LeadHandedOff', { before: 'mql', after: 'mql' }],
        ['LeadAccepted', { before: 'mql', after: 'sal' }],
      ]);
    }
    expect(new Set(messages.map(({ id }) => id)).size).toBe(4);
    for (const { message } of messages) {
      expect(message.data.personalData).toBe('withheld');
      expect(JSON.stringify(message)).not.toContain('@example.com');
    }
    await eventually(async () => {
      const log = await deliveries(test, webhookId);
      expect(log.map((item) => [item.state, item.attempts, item.history[0].status])).toEqual(
        Array(4).fill(['delivered', 1, 200]),
      );
    });
  });

  it('retries a receiver that answers 500, then hangs, then resets, with the same webhook-id, until it answers 200', async () => {
    const outcomes: ReturnType<Behaviour>[] = [500, 'hang', 'reset', 200];
    const hooks = await receiver((_, index) => outcomes[index] ?? 200);
    const { webhookId } = await subscribe(test, { url: hooks.url, events: ['LeadDisqualified'] });
    await leadAt(test.app, 'disqualified');
    await hooks.waitFor(4);

    expect(new Set(hooks.received.map((got) => got.headers['webhook-id'])).size).toBe(1);
    await eventually(async () => {
      const [delivery] = await deliveries(test, webhookId);
      expect(delivery.state).toBe('delivered');
      expect(delivery.messageId).toBe(hooks.received[0].headers['webhook-id']);
      expect(delivery.history.map((attempt) => attempt.status)).toEqual([500, null, null, 200]);
      expect(delivery.history[0].error).toBe('HTTP 500');
      expect(delivery.history[1].error).toBe('timed out after 300 ms');
      expect(delivery.history[2].error).not.toBeNull();
      expect(delivery.history[3].error).toBeNull();
    });
  });

  it('holds back only the subscription whose receiver is down', async () => {
    const down = await receiver(() => 'hang');
    const up = await receiver(() => 200);
    await subscribe(test, { url: down.url, events: ['LeadCaptured'] });
    await subscribe(test, { url: up.url, events: ['LeadCaptured'] });
    for (let i = 0; i < 5; i++) await leadAt(test.app, 'lead');
    await up.waitFor(5, 5000);
    // Each of the dead receiver's leads has one delivery hanging at a time, none finished.
    expect(down.received.length).toBeGreaterThan(0);
  });

  it('pauses deliveries and, on resume, delivers what happened meanwhile', async () => {
    const hooks = await receiver(() => 200);
    const { webhookId } = await subscribe(test, { url: hooks.url, events: ['LeadCaptured'] });
    const paused = await send(test.app, { method: 'POST', url: `/webhooks/${webhookId}/pause` });
    expect(paused.json<{ state: string }>().state).toBe('paused');
    expect(delivering(test)).not.toContain(webhookId);
    const leadId = await leadAt(test.app, 'lead');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(hooks.received).toHaveLength(0);

    const resumed = await send(test.app, { method: 'POST', url: `/webhooks/${webhookId}/resume` });
    expect(resumed.json<{ state: string }>().state).toBe('active');
    expect(delivering(test)).toContain(webhookId);
    await hooks.waitFor(1);
    expect(messageOf(hooks.received[0].body).data.leadId).toBe(leadId);
  });

  it('sends personal fields only to a subscription allowed them, and no more once the lead is erased', async () => {
    let open = false;
    const hooks = await receiver(() => (open ? 200 : 503));
    await subscribe(test, { url: hooks.url, events: ['LeadCaptured'], includePersonalData: true });
    const email = uniqueEmail('webhook-personal');
    const captured = await send(test.app, { method: 'POST', url: '/leads', payload: bodies.capture(email) });
    const { leadId } = captured.json<{ leadId: string }>();
    await hooks.waitFor(1);
    expect(messageOf(hooks.received[0].body).data.personalData).toBe('shown');
    expect(messageOf(hooks.received[0].body).data.event.email).toBe(email);

    const erased = await command(test.app, leadId, 'erase');
    expect(erased.statusCode).toBe(200);
    open = true;
    const before = hooks.received.length;
    await hooks.waitFor(before + 1);
    const retried = messageOf(hooks.received[before].body);
    expect(retried.data.personalData).toBe('erased');
    expect(JSON.stringify(retried)).not.toContain(email);
  });

  it('refuses bad subscriptions naming the field, and unknown ones with 404', async () => {
    const refusals = [
      [{ url: 'ftp://example.com/x', events: ['LeadCaptured'] }, 'url'],
      [{ url: 'https://example.com/x', events: ['LeadFlew'] }, 'events'],
      [{ url: 'https://example.com/x', events: [] }, 'events'],
      [{ url: 'https://example.com/x', events: ['stage:mars'] }, 'events'],
      [{ url: 'https://example.com/x', events: ['*'], secret: 'hunter2' }, 'secret'],
      [{ events: ['*'] }, 'url'],
    ] as const;
    for (const [body, field] of refusals) {
      const reply = await send(test.app, { method: 'POST', url: '/webhooks', payload: body });
      expect({ field, status: reply.statusCode }).toEqual({ field, status: 400 });
      expect(reply.json<{ errors: { field: string }[] }>().errors.map((error) => error.field)).toContain(
        field,
      );
    }
    const unknown = await send(test.app, { method: 'GET', url: '/webhooks/wh_0000000000000000' });
    expect(unknown.statusCode).toBe(404);
    const malformed = await send(test.app, { method: 'GET', url: '/webhooks/nope/deliveries' });
    expect(malformed.statusCode).toBe(400);
  });

  it('deletes a subscription for good: listed as deleted, no more pausing', async () => {
    const { webhookId } = await subscribe(test, { url: 'https://example.com/gone', events: ['*'] });
    const deleted = await send(test.app, { method: 'DELETE', url: `/webhooks/${webhookId}` });
    expect(deleted.json<{ state: string }>().state).toBe('deleted');
    const listed = await send(test.app, { method: 'GET', url: '/webhooks' });
    expect(listed.json<{ items: { webhookId: string; state: string }[] }>().items).toContainEqual(
      expect.objectContaining({ webhookId, state: 'deleted' }),
    );
    const pause = await send(test.app, { method: 'POST', url: `/webhooks/${webhookId}/pause` });
    expect(pause.statusCode).toBe(409);
  });
});

describe('webhooks past the retry period', () => {
  let test: TestApp;
  beforeAll(
    async () => (test = await startTestApp(undefined, { ...settings, LEADGER_WEBHOOK_RETRY_SECONDS: '1' })),
  );
  afterAll(() => test.dispose());

  it('puts a delivery that kept failing in the dead letters, and redelivers it once the receiver is fixed', async () => {
    let fixed = false;
    const hooks = await receiver(() => (fixed ? 204 : 500));
    const { webhookId } = await subscribe(test, { url: hooks.url, events: ['LeadCaptured'] });
    await leadAt(test.app, 'lead');
    let dead: DeliveryAnswer | undefined;
    await eventually(async () => {
      [dead] = await deliveries(test, webhookId, '?dead=true');
      expect(dead?.state).toBe('dead');
    });
    expect(dead!.attempts).toBeGreaterThan(1);
    expect(dead!.history.every((attempt) => attempt.status === 500)).toBe(true);

    fixed = true;
    const redelivered = await send(test.app, {
      method: 'POST',
      url: `/webhooks/${webhookId}/deliveries/${dead!.deliveryId}/redeliver`,
    });
    expect(redelivered.statusCode).toBe(200);
    expect(redelivered.json<DeliveryAnswer>().state).toBe('delivered');
    expect(hooks.received.at(-1)!.headers['webhook-id']).toBe(dead!.messageId);
    expect(await deliveries(test, webhookId, '?dead=true')).toEqual([]);
  });
});

describe('webhooks seen by operations', () => {
  let test: TestApp;
  beforeAll(
    async () =>
      (test = await startTestApp(undefined, {
        ...settings,
        LEADGER_READY_MAX_LAG_SECONDS: '1',
        LEADGER_WEBHOOK_RETRY_INITIAL_MS: '60000',
      })),
  );
  afterAll(() => test.dispose());

  const scrape = async () => (await send(test.app, { method: 'GET', url: '/metrics' })).body;
  const series = (text: string, name: string) =>
    Number(
      text
        .split('\n')
        .find((line) => line.startsWith(`${name} `))
        ?.split(' ')[1] ?? 0,
    );

  it('counts attempts by outcome, and says ready but degraded, naming the subscription, while one lags', async () => {
    const up = await receiver(() => 200);
    const down = await receiver(() => 500);
    await subscribe(test, { url: up.url, events: ['LeadCaptured'] });
    const { webhookId } = await subscribe(test, { url: down.url, events: ['LeadCaptured'] });
    await leadAt(test.app, 'lead');
    await up.waitFor(1);
    await down.waitFor(1);
    await eventually(async () => {
      const text = await scrape();
      expect(series(text, 'leadger_webhook_deliveries_total{outcome="delivered"}')).toBe(1);
      expect(series(text, 'leadger_webhook_deliveries_total{outcome="failed"}')).toBe(1);
      expect(
        series(text, `leadger_consumer_lag_events{kind="webhook",consumer="webhooks:${webhookId}"}`),
      ).toBeGreaterThanOrEqual(1);
    });

    await new Promise((resolve) => setTimeout(resolve, 1100));
    const reply = await send(test.app, { method: 'GET', url: '/health/ready' });
    expect(reply.statusCode).toBe(200);
    const ready = reply.json<{
      status: string;
      info: { lag: { lagging: { kind: string; consumer: string }[] } };
    }>();
    expect(ready.status).toBe('degraded');
    expect(ready.info.lag.lagging.map((l) => `${l.kind}/${l.consumer}`)).toEqual([
      `webhook/webhooks:${webhookId}`,
    ]);
  });
});
