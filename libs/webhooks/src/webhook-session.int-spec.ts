import { join } from 'node:path';
import { SqliteReadStore } from '@leadger/read-store';
import { captureLead } from '../../../test/support/command-deps';
import { tempIdentity } from '../../../test/support/temp-identity';
import { tempSqliteStore } from '../../../test/support/temp-sqlite-store';
import { checkpointId, DeliveryLog, type DeliveryRecord } from './delivery-log';
import type { Attempt, Outgoing } from './send-message';
import { defaultDeliveryPolicy } from './webhook-runner';
import { messageId } from './webhook-message';
import { WebhookSession, type DeliveryPolicy, type WebhookSessionOptions } from './webhook-session';
import type { Webhook } from './webhooks';

// A session on a real SQLite log and read store, with the receiver and the delivery log's reads under the
// test's control, to hold one delivery while another settles.

const webhook: Webhook = {
  webhookId: 'wh_0123456789abcdef',
  url: 'http://127.0.0.1:9/hooks',
  events: ['*'],
  includePersonalData: false,
  state: 'active',
  createdAt: '2026-01-01T00:00:00.000Z',
  createdBy: 'test',
  changedAt: '2026-01-01T00:00:00.000Z',
  changedBy: 'test',
  fromPosition: '0',
  secret: `whsec_${Buffer.alloc(24, 7).toString('base64')}`,
  revision: 0n,
};

/** A delivery log whose read of one record says it started, then waits until the test lets it go. */
class HeldLog extends DeliveryLog {
  constructor(
    store: SqliteReadStore,
    private readonly hold: { readonly deliveryId: string; started(): void; readonly until: Promise<void> },
  ) {
    super(store);
  }

  override async get(webhookId: string, deliveryId: string): Promise<DeliveryRecord | null> {
    if (deliveryId === this.hold.deliveryId) {
      this.hold.started();
      await this.hold.until;
    }
    return super.get(webhookId, deliveryId);
  }
}

describe('a webhook session', () => {
  let events: ReturnType<typeof tempSqliteStore>;
  let identity: ReturnType<typeof tempIdentity>;
  let readStore: SqliteReadStore;

  beforeEach(() => {
    events = tempSqliteStore();
    identity = tempIdentity();
    readStore = new SqliteReadStore({ path: join(events.dir, 'read-models.sqlite') });
  });
  afterEach(async () => {
    await readStore.close();
    await identity.dispose();
    await events.dispose();
  });

  const capture = async (email: string) => {
    const leadId = await captureLead(events.store, identity, email);
    const read = await events.store.readStream(`lead-${leadId}`);
    if (!read.found) throw new Error(`lead ${leadId} not written`);
    return read.events[0];
  };

  const sessionOf = async (
    options: Pick<WebhookSessionOptions, 'log' | 'recordedUpTo' | 'send' | 'onAttempt'> & {
      readonly policy?: Partial<DeliveryPolicy>;
    },
  ) =>
    new WebhookSession({
      eventStore: events.store,
      readStore,
      webhook,
      storeId: await events.store.storeId(),
      checkpoint: null,
      openingKey: () => Promise.resolve(null),
      clock: () => new Date(),
      leases: () => [],
      ...options,
      policy: { ...defaultDeliveryPolicy, flushMs: 60_000, ...options.policy },
    });

  /** A log whose lookup of `event`'s record waits: `started` once it began, `release` to let it go on. */
  const holdLookupOf = (event: { readonly id: string }) => {
    let started!: () => void;
    const begun = new Promise<void>((resolve) => (started = resolve));
    let release!: () => void;
    const until = new Promise<void>((resolve) => (release = resolve));
    return { log: new HeldLog(readStore, { deliveryId: event.id, started, until }), begun, release };
  };

  // After a restart, events an earlier run recorded are looked up in the log; another lead's delivery may
  // settle during that read. The checkpoint once moved past the event being looked up there, and a kill
  // before its delivery lost it for good.
  it('keeps its checkpoint before an event whose record is being looked up while an earlier delivery settles', async () => {
    const first = await capture('first@example.com');
    const second = await capture('second@example.com');
    const { log, begun: lookingUp, release: letLookupGo } = holdLookupOf(second);
    let secondSent!: () => void;
    const secondSending = new Promise<void>((resolve) => (secondSent = resolve));
    const delivered: Attempt = { at: new Date().toISOString(), status: 200, latencyMs: 1, error: null };
    const send = (message: Outgoing): Promise<Attempt> => {
      // The first is answered while the second's record is being looked up.
      if (message.messageId === messageId(webhook.webhookId, first.id))
        return lookingUp.then(() => delivered);
      secondSent();
      // The second delivery never answers: the process is killed while it is in flight.
      return new Promise<Attempt>(() => undefined);
    };

    const session = await sessionOf({
      log,
      recordedUpTo: second.position,
      send,
      onAttempt: (_id, attempt) => {
        if (attempt === delivered) letLookupGo();
      },
    });
    await secondSending;
    expect(session.position).toBe(first.position);

    await session.stop();
    const id = checkpointId(webhook.webhookId);
    const stored = (await readStore.readCheckpoints([id])).get(id);
    expect(stored?.position).toBe(first.position);
  });

  // A receiver down: the oldest delivery waits for its retry, and the session reads up to its window. A stop
  // that came while the last event's record was being looked up once left that event waiting for room in the
  // window for ever (the stop had cancelled the retry that would have made it), and the stop with it.
  it('stops while an event that fills its window is being looked up', async () => {
    await capture('first@example.com');
    const second = await capture('second@example.com');
    const { log, begun, release } = holdLookupOf(second);
    const failed: Attempt = { at: new Date().toISOString(), status: 500, latencyMs: 1, error: 'HTTP 500' };
    const session = await sessionOf({
      log,
      recordedUpTo: second.position,
      send: () => Promise.resolve(failed),
      policy: { window: 2, retryInitialMs: 60_000 },
    });
    await begun;
    const stopped = session.stop().then(() => 'stopped');
    release();
    const hung = new Promise((resolve) =>
      setTimeout(() => resolve('still stopping after 5 s'), 5000).unref(),
    );
    expect(await Promise.race([stopped, hung])).toBe('stopped');
  });
});
