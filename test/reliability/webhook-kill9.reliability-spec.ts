import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore } from '@leadger/event-store';
import { SQLITE_READ_MODELS_FILE, SqliteReadStore } from '@leadger/read-store';
import { checkpointId, DeliveryLog } from '@leadger/webhooks';
import { bodies, uniqueEmail } from '../support/lead-journeys';
import { eventStoreOf, send } from '../support/lead-api';
import { startTestApp, type TestApp } from '../support/test-app';
import { WORKER_MAIN, killProgram, startProgram, type Program } from '../support/processes';
import { eventIdsReceived, startReceiver, type Receiver } from '../support/webhook-receiver';
import { killAgainAndAgain } from './support/kill-again';
import { fullMode, mode } from './support/mode';

// The worker delivering webhooks (apps/worker, a child process) killed with SIGKILL again and again while
// leads flow in through the API, to a receiver that now and then answers 500 or resets the connection.
// Afterwards every lead event reached the receiver, each under one webhook-id of its own (a duplicate
// comes only with the same id), and each lead's events first arrived in their order.

const LEADS = fullMode ? 1_500 : 300;
/** Worker lifetimes between kills, ms: inside deliveries, retries and checkpoint commits. */
const LIFETIME = { min: 300, max: 1_500 };

interface Message {
  readonly data: { readonly eventId: string; readonly leadId: string; readonly revision: string };
}

jest.setTimeout(240_000);

describe(`the webhook deliverer killed with SIGKILL while ${LEADS} leads flow in (${mode})`, () => {
  let dir: string;
  let api: TestApp;
  let store: EventStore;
  let receiver: Receiver;
  let worker: Program | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'leadger-webhook-kill9-'));
    receiver = await startReceiver((_, index) => (index % 13 === 5 ? 500 : index % 17 === 8 ? 'reset' : 200));
    api = await startTestApp(dir, {
      LEADGER_WEBHOOKS_RUNNER: 'off',
      LEADGER_POLICIES_RUNNER: 'off',
      LEADGER_PROJECTOR: 'off',
    });
    store = eventStoreOf(api.app);
  });

  afterAll(async () => {
    if (worker) await killProgram(worker);
    await api.dispose();
    await receiver.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** What the read store says of these deliveries and of the subscription's checkpoint. */
  const deliveryState = async (webhookId: string, eventIds: readonly string[]) => {
    const readStore = new SqliteReadStore({ path: join(dir, SQLITE_READ_MODELS_FILE) });
    try {
      const log = new DeliveryLog(readStore);
      const id = checkpointId(webhookId);
      return {
        records: await log.records(webhookId, eventIds),
        recordedUpTo: String(await log.recordedUpTo(webhookId)),
        checkpoint: String((await readStore.readCheckpoints([id])).get(id)?.position),
      };
    } finally {
      await readStore.close();
    }
  };

  // A short lease while workers are killed, so the next one takes over soon; the last worker, left alone to
  // finish, holds a longer one, so a busy machine stalling it for half a second does not cost it the lease.
  const startWorker = (leaseMs = 500, logLevel = 'warn') =>
    startProgram(WORKER_MAIN, {
      LEADGER_DATA_DIR: dir,
      LEADGER_EVENTSTORE: '',
      EVENTSTORE_URL: '',
      DATABASE_URL: '',
      REDIS_URL: '',
      LEADGER_PROJECTOR_LEASE_MS: String(leaseMs),
      LEADGER_WEBHOOK_TIMEOUT_MS: '500',
      LEADGER_WEBHOOK_RETRY_INITIAL_MS: '20',
      LOG_LEVEL: logLevel,
    });

  it('delivers every event after restarts, none lost, duplicates only under the same webhook-id', async () => {
    const subscribed = await send(api.app, {
      method: 'POST',
      url: '/webhooks',
      payload: { url: receiver.url, events: ['*'] },
    });
    expect(subscribed.statusCode).toBe(201);
    const { webhookId } = subscribed.json<{ webhook: { webhookId: string } }>().webhook;

    let turn = 0;
    const kills = killAgainAndAgain(
      () => (worker = startWorker()),
      () => LIFETIME.min + ((turn++ * 379) % (LIFETIME.max - LIFETIME.min)),
    );

    for (let index = 0; index < LEADS; index++) {
      const captured = await send(api.app, {
        method: 'POST',
        url: '/leads',
        payload: bodies.capture(uniqueEmail('webhook-kill9')),
      });
      expect(captured.statusCode).toBe(201);
      const { leadId } = captured.json<{ leadId: string }>();
      for (const [action, body] of [
        ['mql', bodies.mql],
        ['handoff', bodies.handoff],
      ] as const) {
        const step = await send(api.app, {
          method: 'POST',
          url: `/leads/${leadId}/${action}`,
          payload: body,
        });
        expect(step.statusCode).toBe(200);
      }
      // Spread the load over the worker's lives.
      if (index % 20 === 19) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const { kills: killed, failures } = await kills.stop();
    expect(failures).toEqual([]);
    expect(killed).toBeGreaterThan(2);

    // A last worker, left alone, finishes the rest.
    if (worker) await killProgram(worker);
    worker = startWorker(2_000, 'info');
    const events = await store.readAll({
      filter: { streamNamePrefixes: ['lead-'] },
      maxCount: Number.MAX_SAFE_INTEGER,
    });
    const expected = new Set(events.map((event) => event.id));
    const deadline = Date.now() + 90_000;
    const delivered = eventIdsReceived(receiver);
    const anyMissing = () => {
      const got = delivered();
      return [...expected].some((id) => !got.has(id));
    };
    while (anyMissing() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));

    const got = delivered();
    const missing = [...expected].filter((id) => !got.has(id));
    // Should one never arrive: which events, and what the last worker said, to tell a lost event from a late
    // one — in the failure itself, where a CI log's tail keeps it.
    const diagnosis =
      missing.length === 0
        ? {}
        : {
            missing: events
              .filter((event) => missing.includes(event.id))
              .slice(0, 5)
              .map((event) => `${event.position} ${event.streamName} ${event.type}`),
            ...(await deliveryState(webhookId, missing.slice(0, 5))),
            requests: receiver.received.length,
            lastWorkerSaid: worker.output().slice(-6000),
          };
    expect(missing.length === 0 ? 'none missing' : diagnosis).toBe('none missing');

    // One webhook-id per event and one event per webhook-id: duplicates are recognisable as such.
    const idsOfEvent = new Map<string, Set<string>>();
    const eventsOfId = new Map<string, Set<string>>();
    for (const got of receiver.received) {
      const { eventId } = (JSON.parse(got.body) as Message).data;
      const id = String(got.headers['webhook-id']);
      idsOfEvent.set(eventId, (idsOfEvent.get(eventId) ?? new Set()).add(id));
      eventsOfId.set(id, (eventsOfId.get(id) ?? new Set()).add(eventId));
    }
    expect([...idsOfEvent.values()].filter((ids) => ids.size !== 1)).toEqual([]);
    expect([...eventsOfId.values()].filter((ids) => ids.size !== 1)).toEqual([]);

    // Each lead's events first arrived in their order.
    const firstArrivals = new Map<string, number[]>();
    const seen = new Set<string>();
    for (const got of receiver.received) {
      const { eventId, leadId, revision } = (JSON.parse(got.body) as Message).data;
      if (seen.has(eventId)) continue;
      seen.add(eventId);
      firstArrivals.set(leadId, [...(firstArrivals.get(leadId) ?? []), Number(revision)]);
    }
    const outOfOrder = [...firstArrivals.entries()].filter(([, revisions]) =>
      revisions.some((revision, index) => revision !== index),
    );
    expect(outOfOrder).toEqual([]);
  });
});
