import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './processes';

// A real Redis Cluster for a test: redis-server processes with cluster mode on, on free loopback ports, in a
// temp dir, joined by `redis-cli --cluster create`. Nothing is kept on disk but each node's cluster config
// (nodes.conf), which is what lets a killed node come back into the cluster it left.

const run = promisify(execFile);
const HOST = '127.0.0.1';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface ClusterOptions {
  /** Default 3. */
  readonly masters?: number;
  /** Replicas per master. Default 1. */
  readonly replicas?: number;
  /**
   * Default 1000: how long a node may be unreachable before it counts as failed and its replica takes over
   * (Redis' default, 15 s, would make a failover test slow).
   */
  readonly nodeTimeoutMs?: number;
}

/** Where one slot is served: the master's port and its replicas'. */
export interface SlotOwners {
  readonly master: number;
  readonly replicas: readonly number[];
}

export interface TestRedisCluster {
  /** `127.0.0.1:<port>` of every node, for `REDIS_CLUSTER_NODES` / `clusterNodes`. */
  readonly nodes: readonly string[];
  /** `redis-cli -p <port> …` on one node: its reply as text. */
  cli(port: number, ...args: string[]): Promise<string>;
  /** The slot of a key (or of its hash tag), as the cluster computes it. */
  keySlot(key: string): Promise<number>;
  /** Who serves `slot` now, as the first node that answers sees it. */
  slotOwners(slot: number): Promise<SlotOwners>;
  /** Kills a node with SIGKILL: no goodbye, no last write. */
  kill(port: number): Promise<void>;
  /** Starts a killed node again, with the cluster config it had. */
  restart(port: number): Promise<void>;
  /** Resolves when every running node says `cluster_state:ok` and sees every slot served. */
  waitUntilOk(timeoutMs?: number): Promise<void>;
  /** Kills every node and removes the temp dir. */
  stop(): Promise<void>;
}

/** Starts the nodes and makes them a cluster; on any failure, kills what it started. */
export async function startRedisCluster(options: ClusterOptions = {}): Promise<TestRedisCluster> {
  const { masters = 3, replicas = 1, nodeTimeoutMs = 1000 } = options;
  const cluster = new RunningCluster(mkdtempSync(join(tmpdir(), 'leadger-redis-cluster-')), nodeTimeoutMs);
  try {
    for (let i = 0; i < masters * (1 + replicas); i++) await cluster.add();
    const addresses = [...cluster.ports()].map((port) => `${HOST}:${port}`);
    await run('redis-cli', [
      '--cluster',
      'create',
      ...addresses,
      '--cluster-replicas',
      String(replicas),
      '--cluster-yes',
    ]);
    await cluster.waitUntilOk(20_000);
    return cluster;
  } catch (error) {
    await cluster.stop();
    throw error;
  }
}

interface Node {
  readonly port: number;
  readonly busPort: number;
  process: ChildProcess | null;
}

class RunningCluster implements TestRedisCluster {
  private readonly started = new Map<number, Node>();

  constructor(
    private readonly dir: string,
    private readonly nodeTimeoutMs: number,
  ) {}

  get nodes(): string[] {
    return [...this.started.keys()].map((port) => `${HOST}:${port}`);
  }

  ports(): IterableIterator<number> {
    return this.started.keys();
  }

  async add(): Promise<void> {
    const node: Node = { port: await freePort(), busPort: await freePort(), process: null };
    this.started.set(node.port, node);
    await this.launch(node);
  }

  async cli(port: number, ...args: string[]): Promise<string> {
    return (await run('redis-cli', ['-h', HOST, '-p', String(port), ...args])).stdout.trim();
  }

  async keySlot(key: string): Promise<number> {
    return Number(await this.cli(this.running()[0], 'cluster', 'keyslot', key));
  }

  async slotOwners(slot: number): Promise<SlotOwners> {
    // CLUSTER SLOTS as JSON-ish text is awkward from redis-cli; CLUSTER NODES is one line per node:
    // `<id> <ip:port@bus> <flags> <master id> … <slot ranges>`.
    const lines = (await this.cli(this.running()[0], 'cluster', 'nodes')).split('\n');
    const nodes = lines.map((line) => {
      const [id, address, flags, masterId, , , , , ...ranges] = line.split(' ');
      return { id, port: Number(address.split('@')[0].split(':').pop()), flags, masterId, ranges };
    });
    // A failed master keeps its line but gives up its slots once its replica takes over.
    const master = nodes.find((node) =>
      node.ranges.some((range) => {
        const [from, to = from] = range.split('-').map(Number);
        return slot >= from && slot <= to;
      }),
    );
    if (!master) throw new Error(`no master serves slot ${slot}`);
    const replicas = nodes.filter((node) => node.masterId === master.id).map((node) => node.port);
    return { master: master.port, replicas };
  }

  async kill(port: number): Promise<void> {
    const node = this.node(port);
    const child = node.process;
    node.process = null;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGKILL');
    await exited;
  }

  async restart(port: number): Promise<void> {
    await this.launch(this.node(port));
  }

  async waitUntilOk(timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    for (;;) {
      const infos = await Promise.all(this.running().map((port) => this.cli(port, 'cluster', 'info')));
      if (infos.every((info) => /cluster_state:ok/.test(info) && /cluster_slots_ok:16384/.test(info))) return;
      last = infos.find((info) => !/cluster_state:ok/.test(info)) ?? infos[0];
      if (Date.now() > deadline) throw new Error(`Redis Cluster not ok after ${timeoutMs} ms:\n${last}`);
      await sleep(100);
    }
  }

  async stop(): Promise<void> {
    await Promise.all([...this.started.keys()].map((port) => this.kill(port)));
    rmSync(this.dir, { recursive: true, force: true });
  }

  private node(port: number): Node {
    const node = this.started.get(port);
    if (!node) throw new Error(`no node of this cluster listens on ${port}`);
    return node;
  }

  private running(): number[] {
    return [...this.started.values()].filter((node) => node.process).map((node) => node.port);
  }

  /** Starts a node's redis-server and waits until it answers PING; fails at once if it exits first. */
  private async launch(node: Node): Promise<void> {
    const { port, busPort } = node;
    const config = {
      port,
      'cluster-port': busPort,
      bind: HOST,
      'cluster-enabled': 'yes',
      'cluster-config-file': `nodes-${port}.conf`,
      'cluster-node-timeout': this.nodeTimeoutMs,
      // A replica takes over however long its link was down (a kill -9 of its master is exactly that).
      'cluster-replica-validity-factor': 0,
      // A replica, or a restarted node, catches up at once.
      'repl-diskless-sync': 'yes',
      'repl-diskless-sync-delay': 0,
      // Data in memory only, as the production Redis of the read models: a restart comes back empty.
      save: '',
      appendonly: 'no',
      dir: this.dir,
      logfile: `redis-${port}.log`,
    };
    const args = Object.entries(config).flatMap(([name, value]) => [`--${name}`, String(value)]);
    const child = spawn('redis-server', args, { stdio: 'ignore' });
    node.process = child;
    const deadline = Date.now() + 10_000;
    while ((await this.cli(port, 'ping').catch(() => '')) !== 'PONG') {
      if (child.exitCode !== null || Date.now() > deadline) {
        // The temp dir goes with the failed start: the log's end goes into the message.
        const path = join(this.dir, `redis-${port}.log`);
        const log = existsSync(path) ? readFileSync(path, 'utf8').slice(-2000) : '(no log written)';
        throw new Error(`redis-server on port ${port} did not start:\n${log}`);
      }
      await sleep(50);
    }
  }
}
