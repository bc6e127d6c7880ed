import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@leadger/event-store';
import { allProjections } from '@leadger/projections';
import { SqliteReadStore } from '@leadger/read-store';
import { allEvents, dumpAll, eventually } from '../projections/support/read-models';
import { httpClient } from './support/http-client';
import { chainBreaks, logDisagreements, rebuiltDumps, unexpectedAnswers } from './support/log-check';
import { mode, seedFrom, sizes } from './support/mode';
import { freePort, keyFromAdmin, startApi, type Program } from '../support/processes';
import { acknowledgement, isSuccess, runWorkload, type CommandRequest } from './support/workload';

// `npm start`'s shape in a child process (API and projector in one process, embedded stores), driven over
// real HTTP from this process by many concurrent commands, each with its own Idempotency-Key. It is killed
// with SIGKILL three times mid-load and started again on the same data dir each time; every command that
// got no answer is retried with its key once the process is back. Then the log must hold every
// acknowledged command exactly once, and the read models the restarted projector built must equal a fresh
// rebuild of the log.
//
// A kill lands between a commit and its answer only by luck (answers leave in the same turn of the event
// loop as the commit), so some answers are also dropped here, on purpose, as if lost on the way: those
// commands are applied but never acknowledged, and their retry after the next restart must find them in
// the log instead of applying them again.

const CONNECTIONS = 50;
const SEED = seedFrom('LEADGER_RELIABILITY_SEED', 7);
/** Kill once these shares of the commands have been acknowledged. */
const KILL_AFTER = [0.2, 0.45, 0.7];
/** One answer in this many, before the last kill, is dropped as if lost on the way. */
const LOST_EVERY = 40;
/** Acknowledged before any kill, and sent again at the end to see them answered from the log. */
const RESENT_ACKNOWLEDGED = 200;

const names = allProjections.map((projection) => projection.name);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** An answer this test throws away, as if the network had lost it. */
class LostAnswer extends Error {}

interface Kill {
  readonly program: Program;
  /** Requests sent and not yet answered when the kill was sent. */
  readonly inFlight: number;
  readonly acknowledged: number;
  /** The killed projector's checkpoints, read before the restart. */
  committed: bigint[];
}

describe(`the all-in-one API killed with SIGKILL during ${sizes.killCommands} concurrent HTTP commands (${mode})`, () => {
  let dir: string;
  let port: number;
  let api: Program | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'leadger-api-kill9-'));
    port = await freePort();
  });

  afterAll(async () => {
    if (api && api.child.exitCode === null && api.child.signalCode === null) {
      api.child.kill('SIGKILL');
      await api.exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every acknowledged command, applies none twice, and its read models equal a fresh rebuild', async () => {
    const started = Date.now();
    const env = {
      LEADGER_DATA_DIR: dir,
      REDIS_URL: '',
      LEADGER_EVENTSTORE: '',
      EVENTSTORE_URL: '',
      DATABASE_URL: '',
      LEADGER_PROJECTOR: 'inline',
      // Small batches: a kill lands between (or inside) read-model commits, not after the last one.
      LEADGER_PROJECTOR_BATCH: '100',
      // The killed process's leases lapse quickly, so the restarted projector takes over soon.
      LEADGER_PROJECTOR_LEASE_MS: '1000',
      LOG_LEVEL: 'warn',
      LEADGER_RATE_LIMIT_PER_MINUTE: '0',
    };
    api = await startApi(port, env);
    const auth = await keyFromAdmin(port, dir, 'reliability', ['service', 'marketing', 'sales_manager']);
    const client = httpClient(port, CONNECTIONS);
    const headers = (request: CommandRequest) => ({ ...auth, 'idempotency-key': request.key });

    let inFlight = 0;
    let acknowledged = 0;
    const kills: Kill[] = [];
    const killAt = KILL_AFTER.map((share) => Math.floor(sizes.killCommands * share));
    let restarted: Promise<void> | undefined;
    const waitingForRestart: (() => void)[] = [];
    const lost = new Set<string>();

    // Sent a moment after an acknowledgement, not in step with the answers.
    const kill = () => {
      const program = api!;
      const at: Kill = { program, inFlight, acknowledged, committed: [] };
      kills.push(at);
      program.child.kill('SIGKILL');
      restarted = (async () => {
        await program.exited;
        const readStore = new SqliteReadStore({ path: join(dir, 'read-models.sqlite') });
        const checkpoints = await readStore.readCheckpoints(names);
        at.committed = names.map((name) => checkpoints.get(name)?.position ?? 0n);
        await readStore.close();
        api = await startApi(port, env);
        for (const resume of waitingForRestart.splice(0)) resume();
      })();
    };

    const ledger = await runWorkload({
      commands: sizes.killCommands,
      concurrency: CONNECTIONS,
      seed: SEED,
      prefix: 'kill9',
      send: async (request) => {
        inFlight++;
        let reply;
        try {
          reply = await client.post(request.path, headers(request), request.body);
        } finally {
          inFlight--;
        }
        const index = Number(request.key.split('-').at(-1));
        // Only while other workers keep the load going to the next kill: not while the hot leads are set
        // up one by one, nor with a fifth of the workers already waiting.
        const loading =
          acknowledged > CONNECTIONS &&
          waitingForRestart.length < CONNECTIONS / 5 &&
          kills.length < KILL_AFTER.length;
        const drop = loading && index % LOST_EVERY === 1 && isSuccess(reply);
        if (drop && !lost.has(request.key)) {
          lost.add(request.key);
          throw new LostAnswer(`the answer to ${request.key} was lost on the way`);
        }
        return reply;
      },
      // A lost answer is retried after the next restart; a request cut off by a kill after the restart
      // under way. Before the first kill nothing else may go unanswered.
      recover: (error) =>
        error instanceof LostAnswer
          ? new Promise<void>((resume) => waitingForRestart.push(resume))
          : (restarted ?? Promise.reject(error)),
      onAnswer: (command) => {
        if (!isSuccess(command.answers.at(-1)!)) return;
        acknowledged++;
        if (killAt.includes(acknowledged)) setTimeout(kill, Math.random() * 5);
      },
    });
    await restarted;
    const loadDone = Date.now();

    // Each kill came mid-load and cut commands off without an answer.
    expect(kills).toHaveLength(KILL_AFTER.length);
    for (const at of kills) {
      expect(await at.program.exited).toEqual({ code: null, signal: 'SIGKILL' });
      expect(at.inFlight).toBeGreaterThan(0);
      expect(at.acknowledged).toBeLessThan(sizes.killCommands);
    }
    // Every command is legal, so each ended acknowledged with the status it expected.
    expect(ledger).toHaveLength(sizes.killCommands);
    expect(unexpectedAnswers(ledger)).toEqual([]);
    // The commands whose answer was lost had been applied: their retry after a restart was a replay.
    const retried = ledger.filter((command) => command.unanswered > 0);
    const lostCommands = retried.filter((command) => lost.has(command.request.key));
    expect(lostCommands.length).toBeGreaterThan(0);
    expect(lostCommands.filter((command) => !acknowledgement(command)!.replayed)).toEqual([]);
    const cutByKill = retried.filter((command) => !lost.has(command.request.key));
    expect(cutByKill.length).toBeGreaterThan(0);
    const appliedBeforeKill = cutByKill.filter((command) => acknowledgement(command)!.replayed).length;

    // Once more, every retried command and some acknowledged before any kill: all must be replays now.
    const untouched = ledger.filter((command) => command.unanswered === 0).slice(0, RESENT_ACKNOWLEDGED);
    for (const command of [...retried, ...untouched])
      command.answers.push(
        await client.post(command.request.path, headers(command.request), command.request.body),
      );
    client.close();

    // The restarted projector catches up with the log, then the process stops cleanly.
    const head = ledger.reduce((top, command) => {
      const position = BigInt(acknowledgement(command)!.position);
      return position > top ? position : top;
    }, 0n);
    await projectorAt(port, head);
    api.child.kill('SIGTERM');
    await api.exited;

    const eventStore = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
    const readStore = new SqliteReadStore({ path: join(dir, 'read-models.sqlite') });
    try {
      const events = await allEvents(eventStore);
      // Every acknowledged command is in the log under its key, once; retries were answered from it.
      expect(logDisagreements(events, ledger)).toEqual([]);
      expect(events.map((event) => event.position)).toEqual(events.map((_, index) => BigInt(index + 1)));
      expect(chainBreaks(events)).toEqual([]);
      expect(kills.flatMap((at) => at.committed).every((position) => position <= head)).toBe(true);
      expect(await dumpAll(readStore)).toEqual(await rebuiltDumps(eventStore));
      console.log(
        `api-kill9 (${mode}, seed ${SEED}): ${ledger.length} commands, ${events.length} events; ` +
          kills.map((at) => `killed after ${at.acknowledged} acks with ${at.inFlight} in flight`).join(', ') +
          `; ${cutByKill.length} cut off by a kill and retried (${appliedBeforeKill} had been applied), ` +
          `${lostCommands.length} answers lost and retried (all replays); ` +
          `load ${seconds(loadDone - started)}, total ${seconds(Date.now() - started)}`,
      );
    } finally {
      await readStore.close();
      await eventStore.close();
    }
  }, 600_000);
});

/** Resolves once GET /health reports every projection's checkpoint at `head`. */
async function projectorAt(port: number, head: bigint): Promise<void> {
  const client = httpClient(port, 1);
  try {
    await eventually(
      'the restarted projector to reach the head of the log',
      async () => {
        const health = (await client.get('/health')).body as {
          info: { projector: { positions: Record<string, string | null> } };
        };
        return names.every((name) => health.info.projector.positions[name] === String(head));
      },
      60_000,
    );
  } finally {
    client.close();
  }
}
