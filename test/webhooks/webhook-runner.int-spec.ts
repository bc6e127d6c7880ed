import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { RedisReadStore, SqliteReadStore, type ReadStore } from '@leadger/read-store';
import { DeliveryLog, startWebhookRunner, Webhooks, type WebhookRunnerHandle } from '@leadger/webhooks';
import { captureLead } from '../support/command-deps';
import { tempIdentity } from '../support/temp-identity';
import { tempSqliteStore } from '../support/temp-sqlite-store';
import { startReceiver, type Receiver } from '../support/webhook-receiver';

// The deliverer on each read store it may keep its checkpoints and delivery log in: the embedded SQLite
// store and a real Redis (127.0.0.1:6379), with a real receiver on a loopback port.

const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

const readStores: [string, (dir: string) => ReadStore][] = [
  ['the embedded read store', (dir) => new SqliteReadStore({ path: join(dir, 'read-models.sqlite') })],
  ['Redis', () => new RedisReadStore({ url: REDIS_URL, keyPrefix: `webhook-test-${randomUUID()}:` })],
];

describe.each(readStores)('webhook deliveries kept in %s', (_name, openReadStore) => {
  let events: ReturnType<typeof tempSqliteStore>;
  let identity: ReturnType<typeof tempIdentity>;
  let readStore: ReadStore;
  let receiver: Receiver;
  let runner: WebhookRunnerHandle | undefined;

  beforeEach(async () => {
    events = tempSqliteStore();
    identity = tempIdentity();
    readStore = openReadStore(events.dir);
    receiver = await startReceiver(() => 200);
  });
  afterEach(async () => {
    await runner?.stop();
    // Redis keeps what a test wrote until dropped.
    await readStore.drop('webhooks');
    await readStore.close();
    await receiver.close();
    await identity.dispose();
    await events.dispose();
  });

  it('delivers each lead event after the subscription once, and logs it delivered', async () => {
    const webhooks = new Webhooks(events.store, identity.keys.webhookSecretsKey);
    const { webhook } = await webhooks.subscribe({ url: receiver.url, events: ['*'] }, 'admin');
    const leadIds: string[] = [];
    for (let i = 0; i < 3; i++)
      leadIds.push(await captureLead(events.store, identity, `runner-${i}@example.com`));
    runner = startWebhookRunner({
      eventStore: events.store,
      readStore,
      webhooks,
      openingKey: (leadId) => identity.personalData.openingKey(leadId),
      policy: { flushMs: 20 },
    });
    await receiver.waitFor(3);
    const log = new DeliveryLog(readStore);
    for (let wait = 0; ; wait += 50) {
      const page = await log.page(webhook.webhookId, { limit: 10 });
      if (page.items.length === 3 && page.items.every((item) => item.state === 'delivered')) {
        expect(page.items.map((item) => item.leadId).sort()).toEqual([...leadIds].sort());
        break;
      }
      if (wait > 10_000) throw new Error(`not logged delivered: ${JSON.stringify(page.items)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(receiver.received).toHaveLength(3);
  });
});
