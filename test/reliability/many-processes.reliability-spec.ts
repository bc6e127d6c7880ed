import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore, RecordedEvent } from '@leadger/event-store';
import { POLICIES } from '@leadger/policy-runtime';
import { allProjections } from '@leadger/projections';
import { WEBHOOKS_LEASE } from '../../libs/webhooks/src/webhook-runner';
import { allEvents, dumpAll, eventually } from '../projections/support/read-models';
import { startLoadBalancer, UPSTREAM_LOST, type LoadBalancer } from '../support/load-balancer';
import {
  WORKER_MAIN,
  freePort,
  keyFromAdmin,
  killProgram,
  startApi,
  startProgram,
  stopProgram,
  type Program,
} from '../support/processes';
import { eventIdsReceived, startReceiver, type Receiver } from '../support/webhook-receiver';
import { httpClient } from './support/http-client';
import { chainBreaks, logDisagreements, rebuiltDumps, unexpectedAnswers } from './support/log-check';
import { fullMode, mode, seedFrom } from './support/mode';
import { sharedStores, type SharedStores } from './support/shared-stores';
import {
  isSuccess,
  runWorkload,
  type CommandRequest,
  type Reply,
  type SentCommand,
} from './support/workload';

// The scale-out shape on shared servers: three API processes and two workers (projector, policies and
// webhooks; one active, one waiting on the leases) on PostgreSQL (events and vault) and a Redis Cluster (read
// models), as production runs them.
// Commands are spread over the APIs by a load balancer of the test's own; besides the lifecycle load, leads
// from the `event` source are captured and engaged so that the auto-MQL policy acts on each of them, and a
// webhook receives every lead event. Mid-run one API and then the active worker are killed with SIGKILL.
// Afterwards: every acknowledged command is in the log once; each policy effect happened exactly once;
// every lead event reached the receiver under one webhook-id; the standby worker took every lease within
// the lease time; the read models in Redis equal a rebuild of the log.

const COMMANDS = fullMode ? 20_000 : 3_000;
const POLICY_LEADS = fullMode ? 1_000 : 150;
const CONNECTIONS = 50;
const SEED = seedFrom('LEADGER_RELIABILITY_SEED', 23);
const LEASE_MS = 1_000;
/** Kill an API, then the active worker, once these shares of the load have been acknowledged. */
const KILL_API_AT = 0.35;
const KILL_WORKER_AT = 0.6;
/** How late a loaded two-core machine (CI runs other suites beside this one) may be to take a free lease. */
const SLACK_MS = 1_000;

// Only `event` leads, which the lifecycle load never captures, become MQLs by themselves; routing is off,
// so the policies never race the load's own handoffs.
const RULES = `
mql:
  rules:
    - name: event-attendee
      minScore: 50
      sources: [event]
routing:
  enabled: false
`;

/** The leases of each runner a worker holds: the projector takes all of its own at once, or none. */
const leaseGroups = [allProjections.map((projection) => projection.name), [POLICIES], [WEBHOOKS_LEASE]];
const leaseNames = leaseGroups.flat();
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** How long after the kill the standby held a lease, beside how long the killed worker's had left. */
interface Takeover {
  readonly lease: string;
  /** What the killed worker had left of its runner's leases (the longest of the group). */
  readonly leftMs: number;
  readonly tookMs: number;
  /** The standby held it before the kill already. */
  readonly before: boolean;
}

interface Message {
  readonly data: { readonly eventId: string };
}

jest.setTimeout(900_000);

describe(`three APIs and two workers on shared stores, one API and the active worker killed (${mode})`, () => {
  let dir: string;
  let stores: SharedStores;
  let receiver: Receiver;
  let balancer: LoadBalancer | undefined;
  const programs: Program[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'leadger-many-processes-'));
    writeFileSync(join(dir, 'policies.yaml'), RULES);
    stores = await sharedStores();
    receiver = await startReceiver(() => 200);
  });

  afterAll(async () => {
    await Promise.all(programs.map(killProgram));
    await balancer?.close();
    await receiver.close();
    await stores.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loses and doubles nothing, hands over within the lease time, and ends with read models equal to a rebuild', async () => {
    const started = Date.now();
    const env = {
      ...stores.env,
      LEADGER_DATA_DIR: dir,
      LEADGER_MASTER_KEY: randomBytes(32).toString('base64'),
      LEADGER_POLICIES: join(dir, 'policies.yaml'),
      LEADGER_PROJECTOR_LEASE_MS: String(LEASE_MS),
      LEADGER_POLICIES_TICK_MS: '200',
      LEADGER_RATE_LIMIT_PER_MINUTE: '0',
      LOG_LEVEL: 'warn',
    };
    const apiEnv = {
      ...env,
      LEADGER_PROJECTOR: 'off',
      LEADGER_POLICIES_RUNNER: 'off',
      LEADGER_WEBHOOKS_RUNNER: 'off',
    };
    // The first API makes the bootstrap admin key; the others find keys in the log and make none.
    const ports = [await freePort(), await freePort(), await freePort()];
    const apis = [await startApi(ports[0], apiEnv, '/health/live')];
    apis.push(...(await Promise.all(ports.slice(1).map((port) => startApi(port, apiEnv, '/health/live')))));
    programs.push(...apis);
    const auth = await keyFromAdmin(ports[0], dir, 'many', ['service', 'marketing', 'sales_manager']);
    const admin = { authorization: `Bearer ${readFileSync(join(dir, 'admin.token'), 'utf8').trim()}` };
    balancer = await startLoadBalancer(ports);
    const client = httpClient(balancer.port, CONNECTIONS + 4);
    const subscribed = await client.post('/webhooks', admin, { url: receiver.url, events: ['*'] });
    expect(subscribed.status).toBe(201);

    // Worker A takes every lease before worker B starts, so B is the standby.
    const active = startProgram(WORKER_MAIN, env);
    programs.push(active);
    await eventually('worker A to hold every lease', () => stores.allHeldBy(leaseNames, active), 60_000);
    const standby = startProgram(WORKER_MAIN, env);
    programs.push(standby);

    // Sent through the balancer; a 502 (the API died with it in flight) is no answer: retried, same key.
    const post = async (request: CommandRequest): Promise<Reply> => {
      const reply = await client.post(
        request.path,
        { ...auth, 'idempotency-key': request.key },
        request.body,
      );
      if (reply.status === UPSTREAM_LOST) throw new Error(`no answer: ${JSON.stringify(reply.body)}`);
      return reply;
    };
    const retry = () => new Promise<void>((resolve) => setTimeout(resolve, 50));

    let acknowledged = 0;
    let apiKill: { at: number; acknowledged: number } | undefined;
    let workerKill: { at: number; acknowledged: number } | undefined;
    let takeover: Promise<Takeover[]> | undefined;
    const killApi = () => {
      apiKill = { at: Date.now(), acknowledged };
      apis[1].child.kill('SIGKILL');
    };
    const killWorker = () => {
      takeover = (async () => {
        const holders = await stores.leaseHolders(leaseNames);
        workerKill = { at: Date.now(), acknowledged };
        active.child.kill('SIGKILL');
        return Promise.all(
          leaseNames.map(async (lease, index) => {
            // A lease the standby already held (the active worker's runner had failed and let it go) is not
            // a takeover: it is reported, not timed.
            if (holders[index].pid === standby.child.pid)
              return { lease, leftMs: 0, tookMs: 0, before: true };
            await eventually(
              `worker B to take the ${lease} lease`,
              () => stores.allHeldBy([lease], standby),
              30_000,
            );
            // A runner takes its leases together: once the last of its group lapsed.
            const group = leaseGroups.find((names) => names.includes(lease))!;
            const leftMs = Math.max(...group.map((name) => holders[leaseNames.indexOf(name)].leftMs));
            return { lease, leftMs, tookMs: Date.now() - workerKill!.at, before: false };
          }),
        );
      })();
    };

    const policyLeads = capturePolicyLeads(post, retry);
    const ledger = await runWorkload({
      commands: COMMANDS,
      concurrency: CONNECTIONS,
      seed: SEED,
      prefix: `many-${randomUUID().slice(0, 8)}`,
      send: post,
      recover: retry,
      onAnswer: (command) => {
        if (!isSuccess(command.answers.at(-1)!)) return;
        acknowledged++;
        if (acknowledged === Math.floor(COMMANDS * KILL_API_AT)) killApi();
        if (acknowledged === Math.floor(COMMANDS * KILL_WORKER_AT)) killWorker();
      },
    });
    const policyLeadIds = await policyLeads;
    const loadDone = Date.now();
    const takeovers = await takeover!;

    expect(unexpectedAnswers(ledger)).toEqual([]);
    expect(await apis[1].exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(await active.exited).toEqual({ code: null, signal: 'SIGKILL' });
    // The standby took each lease within the lease time: once the killed worker's lapsed (what it had left
    // of its runner's leases at the kill), at its next try (it tries every third of the lease time), give or take a busy moment.
    expect(takeovers.filter(({ before }) => !before).length).toBeGreaterThan(0);
    const late = takeovers.filter(({ leftMs, tookMs }) => tookMs > leftMs + LEASE_MS / 3 + SLACK_MS);
    expect(late).toEqual([]);
    expect(Math.max(...takeovers.map(({ tookMs }) => tookMs))).toBeLessThanOrEqual(
      LEASE_MS * (4 / 3) + SLACK_MS,
    );
    // Every API took a share of the load; the killed one none after its death.
    for (const port of ports) expect(balancer.answered.get(port)).toBeGreaterThan(0);

    // The standby, alone now, finishes: every policy effect, every webhook, every read model.
    const store = stores.eventStore;
    await eventually(
      'every event lead to become an MQL',
      async () => (await stagesOf(store, policyLeadIds)).every((stage) => stage === 'mql'),
      120_000,
    );
    const lead = (event: RecordedEvent) => event.streamName.startsWith('lead-');
    const expected = (await allEvents(store)).filter(lead).map((event) => event.id);
    const delivered = eventIdsReceived(receiver);
    await eventually(
      'every lead event to reach the receiver',
      async () => {
        const got = delivered();
        return expected.every((id) => got.has(id));
      },
      180_000,
    );
    const head = (await allEvents(store)).at(-1)!.position;
    await eventually('the read models to reach the head', () => stores.projectedUpTo(head), 120_000);
    await stopProgram(standby);
    client.close();

    const events = await allEvents(store);
    // Every acknowledged command is in the log once, where it was answered; the log and its chains intact.
    const commanded = events.filter((event) => !String(event.metadata.actor).startsWith('policy:'));
    expect(logDisagreements(commanded, ledger.concat(policyLeadIds.ledger))).toEqual([]);
    expect(events.map((event) => event.position)).toEqual(events.map((_, index) => BigInt(index + 1)));
    expect(chainBreaks(events)).toEqual([]);

    // Exactly one auto-MQL per event lead, none for any other lead.
    const effects = events.filter((event) => String(event.metadata.actor).startsWith('policy:'));
    const effectLeads = effects.map((event) => `${event.metadata.actor} ${event.streamName}`);
    expect(new Set(effectLeads).size).toBe(effectLeads.length);
    expect(effects.map((event) => event.streamName).sort()).toEqual(
      policyLeadIds.ids.map((leadId) => `lead-${leadId}`).sort(),
    );

    // Each lead event under one webhook-id, and each webhook-id for one event.
    const idsOfEvent = new Map<string, Set<string>>();
    for (const got of receiver.received) {
      const { eventId } = (JSON.parse(got.body) as Message).data;
      idsOfEvent.set(eventId, (idsOfEvent.get(eventId) ?? new Set()).add(String(got.headers['webhook-id'])));
    }
    expect([...idsOfEvent.values()].filter((ids) => ids.size !== 1)).toEqual([]);
    expect(new Set([...idsOfEvent.values()].flatMap((ids) => [...ids])).size).toBe(idsOfEvent.size);
    expect(events.filter(lead).filter((event) => !idsOfEvent.has(event.id))).toEqual([]);

    // The read models the two workers kept in Redis equal one rebuild of the log.
    expect(await dumpAll(stores.readStore)).toEqual(await rebuiltDumps(store));

    console.log(
      `many-processes (${mode}, seed ${SEED}, ${stores.kind}): ${ledger.length} commands + ${policyLeadIds.ids.length} event leads, ` +
        `${events.length} events; answered per API ${JSON.stringify(Object.fromEntries(balancer.answered))}; ` +
        `API killed after ${apiKill?.acknowledged} acks, worker after ${workerKill?.acknowledged}; ` +
        `standby took every lease within ${Math.max(...takeovers.map(({ tookMs }) => tookMs))} ms of the kill ` +
        `(lease ${LEASE_MS} ms; ${takeovers.map(({ lease, leftMs, tookMs, before }) => (before ? `${lease} before the kill` : `${lease} ${tookMs}/${leftMs}`)).join(', ')}); ` +
        `${effects.length} policy effects, ${receiver.received.length} webhook requests; ` +
        `load ${seconds(loadDone - started)}, total ${seconds(Date.now() - started)}`,
    );
  });
});

/** Captures `POLICY_LEADS` leads from the `event` source and engages each enough for the auto-MQL rule. */
async function capturePolicyLeads(
  post: (request: CommandRequest) => Promise<Reply>,
  retry: () => Promise<void>,
): Promise<{ ids: string[]; ledger: SentCommand[] }> {
  const ids: string[] = [];
  const ledger: SentCommand[] = [];
  const prefix = `event-${randomUUID().slice(0, 8)}`;
  const send = async (request: CommandRequest) => {
    const sent = { request, answers: [] as Reply[], unanswered: 0 };
    ledger.push(sent);
    for (;;) {
      try {
        const reply = await post(request);
        sent.answers.push(reply);
        return reply;
      } catch {
        sent.unanswered++;
        await retry();
      }
    }
  };
  for (let index = 0; index < POLICY_LEADS; index++) {
    const captured = await send({
      key: `${prefix}-capture-${index}`,
      path: '/leads',
      body: { email: `${prefix}-${index}@example.com`, source: 'event' },
      expectedStatus: 201,
    });
    const leadId = (captured.body as { leadId: string }).leadId;
    ids.push(leadId);
    await send({
      key: `${prefix}-engage-${index}`,
      path: `/leads/${leadId}/engagements`,
      body: { kind: 'meeting', scoreDelta: 60 },
      expectedStatus: 200,
    });
  }
  return { ids, ledger };
}

/** The stage each lead's events fold to. */
async function stagesOf(store: EventStore, leads: { ids: readonly string[] }): Promise<string[]> {
  const stages = new Map<string, string>();
  for (const event of await allEvents(store)) {
    if (event.type === 'LeadMarketingQualified') stages.set(event.streamName, 'mql');
  }
  return leads.ids.map((leadId) => stages.get(`lead-${leadId}`) ?? 'lead');
}
