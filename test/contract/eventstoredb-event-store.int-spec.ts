import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { EventStoreDBClient, UnavailableError, WrongExpectedVersionError } from '@eventstore/db-client';
import type { StartedTestContainer } from 'testcontainers';
import { v4 as uuid } from 'uuid';
import type { EventData, RecordedEvent } from '../../libs/event-store/src/event-store';
import { EventStoreUnavailableError, WrongExpectedRevisionError } from '../../libs/event-store/src/errors';
import { EventStoreDbEventStore } from '../../libs/event-store/src/eventstoredb/eventstoredb-event-store';
import { eventStoreContract } from './event-store.contract';

// Runs the shared contract against a real EventStoreDB: the server at EVENTSTORE_URL, else a throwaway
// container when a Docker engine answers, else nothing — the suite is skipped, never faked.
const IMAGE = 'eventstore/eventstore:24.10';
const configuredUrl = process.env.EVENTSTORE_URL;
const docker = configuredUrl ? undefined : probeDocker();
const runnable = configuredUrl !== undefined || docker?.available === true;

if (!runnable) {
  console.log(
    `EventStoreDB contract SKIPPED: EVENTSTORE_URL is not set and no Docker engine answers (${docker?.detail}). ` +
      'Set EVENTSTORE_URL=esdb://localhost:2113?tls=false (e.g. `docker compose -f docker/compose.yml up eventstore`) or start Docker.',
  );
}

jest.setTimeout(30_000);

const describeWithServer = runnable ? describe : describe.skip;
const title = runnable
  ? `EventStoreDB (${configuredUrl !== undefined ? 'EVENTSTORE_URL' : `${IMAGE} in a container`})`
  : 'EventStoreDB contract — SKIPPED: set EVENTSTORE_URL or run a Docker engine';

describeWithServer(title, () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer();
    await untilServing(server.url);
  }, 240_000);
  afterAll(async () => {
    await server?.stop();
  });

  eventStoreContract('eventstoredb', async () => {
    const store = EventStoreDbEventStore.fromConnectionString(server.url);
    return { store, dispose: () => store.close() };
  });

  describe('EventStoreDB only', () => {
    let store: EventStoreDbEventStore;
    beforeAll(() => {
      store = EventStoreDbEventStore.fromConnectionString(server.url);
    });
    afterAll(async () => {
      await store.close();
    });

    it('keeps its store id on the server: another client answers the same one', async () => {
      const other = EventStoreDbEventStore.fromConnectionString(server.url);
      try {
        expect(await other.storeId()).toBe(await store.storeId());
      } finally {
        await other.close();
      }
    });

    it('never shows the server’s own $ events, which $all does hold', async () => {
      const raw = EventStoreDBClient.connectionString(server.url);
      try {
        let systemEvents = 0;
        for await (const resolved of raw.readAll({ maxCount: 2000 })) {
          const e = resolved.event;
          if (e && (e.type.startsWith('$') || e.streamId.startsWith('$'))) systemEvents += 1;
        }
        expect(systemEvents).toBeGreaterThan(0);
      } finally {
        await raw.dispose();
      }

      const all = await store.readAll({ maxCount: 2000 });
      expect(all.filter((e) => e.type.startsWith('$') || e.streamName.startsWith('$'))).toEqual([]);

      const seen: RecordedEvent[] = [];
      let caughtUp = false;
      const subscription = store.subscribeToAll({
        onEvent: (e) => void seen.push(e),
        onCaughtUp: () => (caughtUp = true),
      });
      await waitFor(() => caughtUp, 20_000);
      await subscription.stop();
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.filter((e) => e.type.startsWith('$') || e.streamName.startsWith('$'))).toEqual([]);
    });

    it('keeps the client’s wrong-expected-version error as the cause of a conflict', async () => {
      const stream = `cause-${uuid()}`;
      await store.appendToStream(stream, [event('A')], 'no_stream');
      const error = await store.appendToStream(stream, [event('B')], 5n).catch((reason: unknown) => reason);
      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      expect((error as WrongExpectedRevisionError).cause).toBeInstanceOf(WrongExpectedVersionError);
    });

    const proxyTarget =
      plainSingleNode(configuredUrl) ?? (configuredUrl === undefined ? 'container' : undefined);
    const itWithProxy = proxyTarget ? it : it.skip;

    itWithProxy(
      'resubscribes after dropped connections and an outage, redelivering and skipping nothing',
      async () => {
        const target = plainSingleNode(server.url);
        if (!target) throw new Error(`cannot proxy ${server.url}`);
        const proxy = await TcpProxy.start(target.host, target.port);
        const proxied = EventStoreDbEventStore.fromConnectionString(target.via(proxy.port), {
          resubscribeMinDelayMs: 20,
          resubscribeMaxDelayMs: 200,
          maxAttemptsWithoutProgress: 1000, // the outage below outlasts the default run of 10 short waits
          pingTimeoutMs: 2000,
        });
        try {
          const prefix = `drop-${uuid()}-`;
          const history = [event('A'), event('B'), event('C')];
          await store.appendToStream(`${prefix}1`, history, 'no_stream');
          const seen: RecordedEvent[] = [];
          const caughtUp: (bigint | undefined)[] = [];
          const errors: Error[] = [];
          const subscription = proxied.subscribeToAll({
            filter: { streamNamePrefixes: [prefix] },
            onEvent: (e) => void seen.push(e),
            onCaughtUp: (position) => void caughtUp.push(position),
            onError: (error) => void errors.push(error),
          });
          await waitFor(() => caughtUp.length === 1);
          expect(ids(seen)).toEqual(ids(history));

          // 1. The connection drops under a live subscription; events arrive meanwhile.
          const connections = proxy.accepted;
          proxy.cut();
          const afterDrop = [event('D'), event('E')];
          await store.appendToStream(`${prefix}1`, afterDrop, 2n);
          await waitFor(() => seen.length === 5, 15_000);
          expect(proxy.accepted).toBeGreaterThan(connections);
          await waitFor(() => caughtUp.length >= 2, 15_000);

          // 2. The server is unreachable for a while: ping fails, the subscription keeps retrying.
          proxy.block();
          expect(await untilRejects(() => proxied.ping())).toBeInstanceOf(EventStoreUnavailableError);
          const duringOutage = [event('F'), event('G')];
          await store.appendToStream(`${prefix}2`, duringOutage, 'no_stream');
          await sleep(1500);
          expect(seen).toHaveLength(5);
          expect(proxy.refused).toBeGreaterThan(1);
          proxy.unblock();
          await waitFor(() => seen.length === 7, 15_000);
          await untilResolves(() => proxied.ping());

          // 3. Live again.
          const live = event('H');
          await store.appendToStream(`${prefix}1`, [live], 4n);
          await waitFor(() => seen.length === 8);

          expect(ids(seen)).toEqual(ids([...history, ...afterDrop, ...duringOutage, live]));
          for (let i = 1; i < seen.length; i++)
            expect(seen[i].position).toBeGreaterThan(seen[i - 1].position);
          expect(errors).toEqual([]);
          await subscription.stop();
        } finally {
          await proxied.close();
          await proxy.close();
        }
      },
      60_000,
    );
  });
});

// Needs no server: the real client against a port nobody listens on.
describe('EventStoreDbEventStore with no server listening', () => {
  let store: EventStoreDbEventStore;
  beforeAll(async () => {
    store = EventStoreDbEventStore.fromConnectionString(`esdb://127.0.0.1:${await freePort()}?tls=false`, {
      resubscribeMinDelayMs: 10,
      resubscribeMaxDelayMs: 50,
      maxAttemptsWithoutProgress: 1000,
      pingTimeoutMs: 3000,
    });
  });
  afterAll(async () => {
    await store.close();
  });

  it('fails ping, appends and reads with EventStoreUnavailableError, keeping the cause', async () => {
    for (const call of [
      () => store.ping(),
      () => store.appendToStream(`s-${uuid()}`, [event('A')], 'no_stream'),
      () => store.readStream(`s-${uuid()}`),
      () => store.readAll(),
      () => store.storeId(),
    ]) {
      const error = await call().then(
        () => undefined,
        (reason: unknown) => reason,
      );
      expect(error).toBeInstanceOf(EventStoreUnavailableError);
      expect((error as EventStoreUnavailableError).code).toBe('unavailable');
      expect((error as EventStoreUnavailableError).cause).toBeInstanceOf(Error);
    }
  });

  it('keeps a subscription retrying without reporting an error, and stops it promptly', async () => {
    const errors: Error[] = [];
    const subscription = store.subscribeToAll({
      onEvent: () => undefined,
      onError: (error) => void errors.push(error),
    });
    await sleep(300);
    const started = Date.now();
    await subscription.stop();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(errors).toEqual([]);
  });

  it('waits out its backoff between resubscriptions instead of spinning (100 ms doubling to 5 s)', async () => {
    // The real client, counted on its way through: every server subscription the adapter asks for.
    const client = EventStoreDBClient.connectionString(`esdb://127.0.0.1:${await freePort()}?tls=false`);
    const subscribeToAll = client.subscribeToAll.bind(client);
    let attempts = 0;
    client.subscribeToAll = ((...args: Parameters<typeof subscribeToAll>) => {
      attempts += 1;
      return subscribeToAll(...args);
    }) as typeof client.subscribeToAll;
    const backingOff = new EventStoreDbEventStore(client, {
      resubscribeMinDelayMs: 100,
      resubscribeMaxDelayMs: 5000,
    });
    try {
      const errors: Error[] = [];
      const subscription = backingOff.subscribeToAll({
        onEvent: () => undefined,
        onError: (error) => void errors.push(error),
      });
      // Attempts start at about 0, 0.1, 0.3, 0.7 and 1.5 s (plus each refused connection), the next at 3.1 s.
      await sleep(2500);
      await subscription.stop();
      expect(attempts).toBeGreaterThanOrEqual(3); // loose: a slow refusal may delay the later ones
      expect(attempts).toBeLessThanOrEqual(6);
      expect(errors).toEqual([]);
    } finally {
      await backingOff.close();
    }
  });

  it('gives up after a bounded run of attempts without progress, and says so through onError', async () => {
    const client = EventStoreDBClient.connectionString(`esdb://127.0.0.1:${await freePort()}?tls=false`);
    const subscribeToAll = client.subscribeToAll.bind(client);
    let attempts = 0;
    client.subscribeToAll = ((...args: Parameters<typeof subscribeToAll>) => {
      attempts += 1;
      return subscribeToAll(...args);
    }) as typeof client.subscribeToAll;
    const givingUp = new EventStoreDbEventStore(client, {
      resubscribeMinDelayMs: 10,
      resubscribeMaxDelayMs: 20,
      maxAttemptsWithoutProgress: 3,
    });
    try {
      const errors: Error[] = [];
      const subscription = givingUp.subscribeToAll({
        onEvent: () => undefined,
        onError: (error) => void errors.push(error),
      });
      await waitFor(() => errors.length > 0, 10_000);
      await sleep(200); // nothing more after giving up: no attempt, no second report
      expect(attempts).toBe(3);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toBeInstanceOf(EventStoreUnavailableError);
      expect(errors[0].message).toMatch(/3 attempts in a row/);
      expect(errors[0].cause).toBeInstanceOf(UnavailableError);
      const started = Date.now();
      await subscription.stop();
      expect(Date.now() - started).toBeLessThan(100);
    } finally {
      await givingUp.close();
    }
  });
});

interface RunningServer {
  readonly url: string;
  stop(): Promise<void>;
}

async function startServer(): Promise<RunningServer> {
  if (configuredUrl !== undefined) return { url: configuredUrl, stop: async () => undefined };
  const { GenericContainer, Wait } = await import('testcontainers');
  const container: StartedTestContainer = await new GenericContainer(IMAGE)
    .withEnvironment({
      EVENTSTORE_CLUSTER_SIZE: '1',
      EVENTSTORE_RUN_PROJECTIONS: 'All',
      EVENTSTORE_START_STANDARD_PROJECTIONS: 'true',
      EVENTSTORE_INSECURE: 'true',
      EVENTSTORE_MEM_DB: 'true',
    })
    .withExposedPorts(2113)
    .withWaitStrategy(Wait.forHttp('/health/live', 2113).forStatusCodeMatching((s) => s >= 200 && s < 300))
    .withStartupTimeout(180_000)
    .start();
  return {
    url: `esdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`,
    stop: async () => {
      await container.stop();
    },
  };
}

/** Live is not yet ready: wait until the node serves a read and a write (it may still elect itself leader). */
async function untilServing(url: string): Promise<void> {
  const store = EventStoreDbEventStore.fromConnectionString(url);
  try {
    await untilResolves(async () => {
      await store.ping();
      await store.appendToStream(`ready-${uuid()}`, [event('Ready')], 'no_stream');
    }, 60_000);
  } finally {
    await store.close();
  }
}

/** Whether a Docker engine answers, the way testcontainers would look for one. */
function probeDocker(): { available: boolean; detail: string } {
  const host = process.env.DOCKER_HOST;
  if (host && !host.startsWith('unix://')) return { available: true, detail: `DOCKER_HOST=${host}` };
  const socket = host ? host.slice('unix://'.length) : '/var/run/docker.sock';
  if (!existsSync(socket)) return { available: false, detail: `${socket} does not exist` };
  const ping = `require('http').get({ socketPath: process.argv[1], path: '/_ping', timeout: 2000 }, (res) =>
    process.exit(res.statusCode === 200 ? 0 : 1)).on('error', () => process.exit(1)).on('timeout', () => process.exit(1));`;
  const result = spawnSync(process.execPath, ['-e', ping, socket], { timeout: 5000 });
  return result.status === 0
    ? { available: true, detail: `${socket} answers` }
    : { available: false, detail: `${socket} does not answer` };
}

/** Host and port of a single-node, plain-text connection string, which a TCP proxy can stand in for. */
function plainSingleNode(
  url: string | undefined,
): { host: string; port: number; via: (port: number) => string } | undefined {
  const match = url ? /^(esdb:\/\/(?:[^@/?]*@)?)([^:/?,]+)(?::(\d+))?(\/?\?(.*))$/.exec(url) : null;
  if (!match || !/(^|&)tls=false(&|$)/i.test(match[5])) return undefined;
  const [, scheme, host, port, rest] = match;
  return { host, port: Number(port ?? 2113), via: (proxyPort) => `${scheme}127.0.0.1:${proxyPort}${rest}` };
}

/** A TCP relay in front of the server: `cut()` drops every connection, `block()` refuses new ones too. */
class TcpProxy {
  accepted = 0;
  refused = 0;
  port = 0;
  private blocked = false;
  private readonly sockets = new Set<Socket>();
  private readonly server: Server;

  private constructor(
    private readonly host: string,
    private readonly targetPort: number,
  ) {
    this.server = createServer((client) => this.relay(client));
  }

  static async start(host: string, port: number): Promise<TcpProxy> {
    const proxy = new TcpProxy(host, port);
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    const address = proxy.server.address();
    if (address === null || typeof address === 'string') throw new Error('proxy has no port');
    proxy.port = address.port;
    return proxy;
  }

  cut(): void {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  block(): void {
    this.blocked = true;
    this.cut();
  }

  unblock(): void {
    this.blocked = false;
  }

  async close(): Promise<void> {
    this.block();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private relay(client: Socket): void {
    if (this.blocked) {
      this.refused += 1;
      client.destroy();
      return;
    }
    this.accepted += 1;
    const upstream = connect(this.targetPort, this.host);
    for (const [from, to] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      this.sockets.add(from);
      from.pipe(to);
      from.on('error', () => to.destroy());
      from.on('close', () => {
        to.destroy();
        this.sockets.delete(from);
      });
    }
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

function event(type: string): EventData {
  return { id: uuid(), type, data: {}, metadata: {} };
}

function ids(events: readonly { readonly id: string }[]): string[] {
  return events.map((e) => e.id);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(5);
  }
}

/** The first rejection of `call` (one already-open connection may still answer once). */
async function untilRejects(call: () => Promise<unknown>, attempts = 5): Promise<unknown> {
  for (let attempt = 1; ; attempt++) {
    try {
      await call();
    } catch (error) {
      return error;
    }
    if (attempt === attempts) throw new Error(`still resolving after ${attempts} attempts`);
    await sleep(100);
  }
}

async function untilResolves(call: () => Promise<unknown>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await call();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(250);
    }
  }
}
