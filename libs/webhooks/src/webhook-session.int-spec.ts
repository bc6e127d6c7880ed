import { join } from 'node:path';
import { SqliteReadStore } from '@leadger/read-store';
import { captureLead } from '../../../test/support/capture-lead';
import { tempIdentity } from '../../../test/support/temp-identity';
import { tempSqliteStore } from '../../../test/support/temp-sqlite-store';
import { checkpointId, DeliveryLog, type DeliveryRecord } from './delivery-log';
import type { Attempt, Outgoing } from './send-message';
import { defaultDeliveryPolicy } from './webhook-runner';
import { messageId } from './webhook-message';
import { WebhookSession } from './webhook-session';
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

  // After a restart, events an earlier run recorded are looked up in the log; another lead's delivery may
  // settle during that read. The checkpoint once moved past the event being looked up there, and a kill
  // before its delivery lost it for good.
  it('keeps its checkpoint before an event whose record is being looked up while an earlier delivery settles', async () => {
    const first = await capture('first@example.com');
    const second = await capture('second@example.com');
    let lookupStarted!: () => void;
    const lookingUp = new Promise<void>((resolve) => (lookupStarted = resolve));
    let letLookupGo!: () => void;
    const log = new HeldLog(readStore, {
      deliveryId: second.id,
      started: lookupStarted,
      until: new Promise((resolve) => (letLookupGo = resolve)),
    });
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

    const session = new WebhookSession({
      eventStore: events.store,
      readStore,
      log,
      webhook,
      storeId: await events.store.storeId(),
      checkpoint: null,
      recordedUpTo: second.position,
      policy: { ...defaultDeliveryPolicy, flushMs: 60_000 },
      openingKey: () => Promise.resolve(null),
      send,
      clock: () => new Date(),
      leases: () => [],
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
});
