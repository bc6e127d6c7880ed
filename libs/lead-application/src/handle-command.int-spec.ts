import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { SqliteEventStore } from '../../event-store/src/sqlite/sqlite-event-store';
import { WrongExpectedRevisionError, type EventStore, type RecordedEvent } from '@leadger/event-store';
import type { LeadCommand } from '@leadger/lead-domain';
import { cmd, at, slaDueAt } from '@leadger/lead-domain/testing';
import { tempIdentity } from '../../../test/support/temp-identity';
import { tempSqliteStore } from '../../../test/support/temp-sqlite-store';
import { openPersonalData } from './personal-data';
import { CommandRefusedError, IdempotencyKeyReusedError, StaleRevisionError } from './errors';
import type { CommandObserver } from './command-observer';
import { handleCommand, type CommandHandlerDeps } from './handle-command';
import { verifyChain } from './hash-chain';
import { KeyedMutex } from './keyed-mutex';
import { leadStream } from './lead-stream';

const now = new Date('2026-11-23T10:00:00.000Z');
const actor = 'svc:web-forms';
let disposeStore: () => Promise<void>;
let identity: ReturnType<typeof tempIdentity>;
let deps: CommandHandlerDeps;

beforeEach(() => {
  const temp = tempSqliteStore();
  disposeStore = temp.dispose;
  identity = tempIdentity();
  deps = { store: temp.store, personalData: identity.personalData, clock: () => now, newId: randomUUID };
});
afterEach(async () => {
  await disposeStore();
  await identity.dispose();
});

async function streamOf(leadId: string, store: EventStore = deps.store): Promise<readonly RecordedEvent[]> {
  const read = await store.readStream(leadStream(leadId));
  return read.found ? read.events : [];
}

const capture = cmd.captureLead();
const leadId = capture.data.leadId;
const run = (command: LeadCommand, context: Partial<Parameters<typeof handleCommand>[2]> = {}) =>
  handleCommand(deps, command, { actor, ...context });

async function toPendingHandoff(): Promise<void> {
  await run(capture);
  await run(cmd.markMarketingQualified());
  await run(cmd.handOffLead());
}

describe('handleCommand on the SQLite store', () => {
  it('captures a new lead at revision 0 with full, hash-chained metadata', async () => {
    const outcome = await run(capture, { commandId: 'key-1', correlationId: 'flow-9' });
    expect(outcome).toMatchObject({ leadId, revision: 0n, replayed: false, state: { stage: 'lead' } });
    const [stored] = await streamOf(leadId);
    expect(stored.position).toBe(outcome.position);
    expect(stored.metadata).toEqual({
      actor,
      onBehalfOf: null,
      commandId: 'key-1',
      command: 'CaptureLead',
      correlationId: 'flow-9',
      causationId: 'key-1',
      occurredAt: at,
      recordedAt: now.toISOString(),
      schemaVersion: 1,
      prevHash: null,
      requestHash: null,
      policy: null,
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('keeps the hash chain intact over a whole lifecycle', async () => {
    await toPendingHandoff();
    await run(cmd.acceptLead());
    await run(cmd.qualifyLead());
    await run(cmd.closeLost());
    const events = await streamOf(leadId);
    expect(events.map((event) => event.type)).toEqual([
      'LeadCaptured',
      'LeadMarketingQualified',
      'LeadHandedOff',
      'LeadAccepted',
      'LeadQualified',
      'DealLost',
      'LeadRecycled',
    ]);
    expect(verifyChain(events)).toBeUndefined();
  });

  it('refuses an illegal command with the domain refusal and appends nothing', async () => {
    await run(capture);
    const refused = run(cmd.acceptLead());
    await expect(refused).rejects.toBeInstanceOf(CommandRefusedError);
    await expect(refused).rejects.toMatchObject({ code: 'illegal_transition', refusal: { stage: 'lead' } });
    expect(await streamOf(leadId)).toHaveLength(1);
  });

  it('answers not_found for a command on a lead never captured', async () => {
    await expect(run(cmd.acceptLead())).rejects.toMatchObject({ code: 'not_found' });
    expect(await streamOf(leadId)).toHaveLength(0);
  });

  it('lets exactly one of a racing accept and reject apply', async () => {
    await toPendingHandoff();
    const results = await Promise.allSettled([run(cmd.acceptLead()), run(cmd.rejectLead())]);
    const fulfilled = results.filter((result) => result.status === 'fulfilled');
    const rejected = results.filter(
      (result): result is PromiseRejectedResult => result.status === 'rejected',
    );
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(rejected[0].reason).toMatchObject({ code: 'illegal_transition' });
    const types = (await streamOf(leadId)).slice(3).map((event) => event.type);
    expect([['LeadAccepted'], ['LeadRejected', 'LeadRecycled']]).toContainEqual(types);
  });

  it('turns 20 captures of one email queued in one process into one lead and 19 engagements', async () => {
    const spellings = Array.from({ length: 20 }, (_, i) => (i % 2 ? ' ANN@example.com ' : 'ann@EXAMPLE.com'));
    const queued = { ...deps, mutex: new KeyedMutex() };
    // Each capture finds its lead through the blind index first, as the API does, all at once.
    const ids = await Promise.all(spellings.map((email) => identity.directory.forCapture(email)));
    expect(new Set(ids).size).toBe(1);
    const captures = spellings.map((email, i) => cmd.captureLead({ email, leadId: ids[i] }));
    await Promise.all(captures.map((capture) => handleCommand(queued, capture, { actor })));
    const events = await streamOf(ids[0]);
    expect(events.map((event) => event.type)).toEqual([
      'LeadCaptured',
      ...Array(19).fill('EngagementRecorded'),
    ]);
    expect(events.map((event) => event.revision)).toEqual(events.map((_, i) => BigInt(i)));
    expect(verifyChain(events)).toBeUndefined();
  });

  it('turns captures racing from two store instances on one file into one lead', async () => {
    const temp = tempSqliteStore();
    const other = new SqliteEventStore({ path: join(temp.dir, 'events.sqlite'), pollIntervalMs: 20 });
    try {
      const sides = [temp.store, other].map((store) => ({ ...deps, store, mutex: new KeyedMutex() }));
      const racing = Array.from({ length: 10 }, (_, i) => handleCommand(sides[i % 2], capture, { actor }));
      await Promise.all(racing);
      const events = await streamOf(leadId, temp.store);
      expect(events.map((event) => event.type)).toEqual([
        'LeadCaptured',
        ...Array(9).fill('EngagementRecorded'),
      ]);
      expect(verifyChain(events)).toBeUndefined();
    } finally {
      await other.close();
      await temp.dispose();
    }
  });

  it('decides again after losing a race for the stream', async () => {
    await run(capture);
    const store = deps.store;
    let raced = false;
    const racing: EventStore = Object.create(store, {
      appendToStream: {
        value: async (...args: Parameters<EventStore['appendToStream']>) => {
          if (!raced) {
            raced = true;
            await handleCommand({ ...deps, store }, cmd.recordEngagement(), { actor: 'someone-else' });
          }
          return store.appendToStream(...args);
        },
      },
    });
    const outcome = await handleCommand({ ...deps, store: racing }, cmd.markMarketingQualified(), { actor });
    expect(outcome.revision).toBe(2n);
    expect((await streamOf(leadId)).map((event) => event.type)).toEqual([
      'LeadCaptured',
      'EngagementRecorded',
      'LeadMarketingQualified',
    ]);
  });

  it('gives up with the conflict after the bounded number of attempts', async () => {
    await run(capture);
    const store = deps.store;
    const alwaysRaced: EventStore = Object.create(store, {
      appendToStream: {
        value: async (...args: Parameters<EventStore['appendToStream']>) => {
          await handleCommand({ ...deps, store }, cmd.recordEngagement(), { actor: 'someone-else' });
          return store.appendToStream(...args);
        },
      },
    });
    const attempt = handleCommand(
      { ...deps, store: alwaysRaced, maxAttempts: 3 },
      cmd.markMarketingQualified(),
      { actor },
    );
    await expect(attempt).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    const types = (await streamOf(leadId)).map((event) => event.type);
    expect(types).toEqual(['LeadCaptured', 'EngagementRecorded', 'EngagementRecorded', 'EngagementRecorded']);
  });

  describe('its observer (metrics)', () => {
    /** An observer that writes down what it hears, latency aside. */
    function recorder() {
      const heard: string[] = [];
      const observer: CommandObserver = {
        handled: (command, result) => heard.push(`${command} ${result}`),
        conflicted: (command, retried) => heard.push(`${command} lost a race${retried ? ', retried' : ''}`),
      };
      return { heard, observer };
    }

    /** The store, with another writer's engagement appended before each of the first `races` appends. */
    function racedStore(races: number): EventStore {
      const store = deps.store;
      return Object.create(store, {
        appendToStream: {
          value: async (...args: Parameters<EventStore['appendToStream']>) => {
            if (races-- > 0)
              await handleCommand({ ...deps, store }, cmd.recordEngagement(), { actor: 'someone-else' });
            return store.appendToStream(...args);
          },
        },
      });
    }

    it('hears each command once with its result: applied, replayed, refused, invalid, conflict', async () => {
      const { heard, observer } = recorder();
      const observed = { ...deps, observer };
      const first = { actor, commandId: 'once', requestHash: 'first' };
      await handleCommand(observed, capture, first);
      await handleCommand(observed, capture, first);
      await expect(handleCommand(observed, cmd.acceptLead(), { actor })).rejects.toThrow(CommandRefusedError);
      await expect(
        handleCommand(observed, capture, { actor, commandId: 'once', requestHash: 'other' }),
      ).rejects.toThrow(IdempotencyKeyReusedError);
      await expect(
        handleCommand(observed, cmd.markMarketingQualified(), { actor, expectedRevision: 5n }),
      ).rejects.toThrow(StaleRevisionError);
      expect(heard).toEqual([
        'CaptureLead applied',
        'CaptureLead replayed',
        'AcceptLead refused',
        'CaptureLead invalid',
        'MarkMarketingQualified conflict',
      ]);
    });

    it('hears each race lost, the retry after it, and the command applied in the end', async () => {
      await run(capture);
      const { heard, observer } = recorder();
      await handleCommand({ ...deps, store: racedStore(2), observer }, cmd.markMarketingQualified(), {
        actor,
      });
      expect(heard).toEqual([
        'MarkMarketingQualified lost a race, retried',
        'MarkMarketingQualified lost a race, retried',
        'MarkMarketingQualified applied',
      ]);
    });

    it('hears the last race lost as a conflict that ends the command', async () => {
      await run(capture);
      const { heard, observer } = recorder();
      const attempt = handleCommand(
        { ...deps, store: racedStore(2), observer, maxAttempts: 2 },
        cmd.markMarketingQualified(),
        { actor },
      );
      await expect(attempt).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      expect(heard).toEqual([
        'MarkMarketingQualified lost a race, retried',
        'MarkMarketingQualified lost a race',
        'MarkMarketingQualified conflict',
      ]);
    });
  });

  describe('idempotency key', () => {
    it('returns the first answer to a retry and appends once', async () => {
      await run(capture);
      const first = await run(cmd.markMarketingQualified(), { commandId: 'mql-1' });
      const retry = await run(cmd.markMarketingQualified(), { commandId: 'mql-1' });
      expect(retry).toEqual({ ...first, replayed: true });
      expect(await streamOf(leadId)).toHaveLength(2);
    });

    it('answers a retry even when the command would now be illegal', async () => {
      await toPendingHandoff();
      const first = await run(cmd.acceptLead(), { commandId: 'accept-1' });
      const retry = await run(cmd.acceptLead(), { commandId: 'accept-1' });
      expect(retry).toMatchObject({ revision: first.revision, position: first.position, replayed: true });
    });

    it('refuses the same key for the same command with another request digest', async () => {
      await run(capture);
      await run(cmd.recordEngagement(), { commandId: 'k', requestHash: 'first' });
      await expect(run(cmd.recordEngagement(), { commandId: 'k', requestHash: 'second' })).rejects.toThrow(
        'idempotency key k was already used for RecordEngagement, with a different request',
      );
      const retry = run(cmd.recordEngagement(), { commandId: 'k', requestHash: 'first' });
      await expect(retry).resolves.toMatchObject({ replayed: true });
      expect(await streamOf(leadId)).toHaveLength(2);
    });

    it('refuses the same key for a different command', async () => {
      await run(capture, { commandId: 'k' });
      await expect(run(cmd.markMarketingQualified(), { commandId: 'k' })).rejects.toBeInstanceOf(
        IdempotencyKeyReusedError,
      );
      expect(await streamOf(leadId)).toHaveLength(1);
    });
  });

  describe('expected revision (If-Match)', () => {
    it('applies the command when the revision is current', async () => {
      await run(capture);
      await expect(run(cmd.markMarketingQualified(), { expectedRevision: 0n })).resolves.toMatchObject({
        revision: 1n,
      });
    });

    it('refuses a stale revision and appends nothing', async () => {
      await run(capture);
      await run(cmd.recordEngagement());
      const stale = run(cmd.markMarketingQualified(), { expectedRevision: 0n });
      await expect(stale).rejects.toBeInstanceOf(StaleRevisionError);
      await expect(stale).rejects.toMatchObject({ expected: 0n, actual: 1n });
      expect(await streamOf(leadId)).toHaveLength(2);
    });
  });

  it('records a handoff with its SLA due date', async () => {
    await toPendingHandoff();
    const handoff = (await streamOf(leadId))[2];
    expect(handoff.data).toMatchObject({ toOwner: 'bob', slaDueAt });
  });

  describe('business time', () => {
    const dated = <C extends LeadCommand>(command: C, occurredAt: string): C => ({
      ...command,
      metadata: { occurredAt },
    });

    it('refuses a command dated past the clock tolerance, naming both times, and appends nothing', async () => {
      await run(capture);
      const future = '2026-11-23T10:05:01.000Z';
      const refused = run(dated(cmd.recordEngagement(), future));
      await expect(refused).rejects.toMatchObject({
        refusal: {
          code: 'validation',
          field: 'occurredAt',
          occurredAt: future,
          notAfter: '2026-11-23T10:05:00.000Z',
        },
      });
      expect(await streamOf(leadId)).toHaveLength(1);
    });

    it('accepts a command within the tolerance', async () => {
      await run(dated(capture, '2026-11-23T10:04:59.000Z'));
      expect(await streamOf(leadId)).toHaveLength(1);
    });

    it('takes the tolerance from the deps', async () => {
      deps = { ...deps, clockToleranceMs: 0 };
      await run(dated(capture, now.toISOString()));
      const refused = run(dated(cmd.recordEngagement(), '2026-11-23T10:00:01.000Z'));
      await expect(refused).rejects.toMatchObject({ refusal: { notAfter: now.toISOString() } });
      expect(await streamOf(leadId)).toHaveLength(1);
    });

    it('refuses a command dated before the lead’s latest event and appends nothing', async () => {
      await run(capture);
      const refused = run(dated(cmd.markMarketingQualified(), '2020-01-01T00:00:00.000Z'));
      await expect(refused).rejects.toMatchObject({ refusal: { field: 'occurredAt', notBefore: at } });
      expect(await streamOf(leadId)).toHaveLength(1);
    });

    it('dates a command stamped by the server at the lead’s latest event when that came later', async () => {
      await run(capture);
      // Stamped before another process appended the capture (or by a clock a little behind).
      const stamped = dated(cmd.markMarketingQualified(), '2020-01-01T00:00:00.000Z');
      await run(stamped, { stampedNow: true });
      const [, mql] = await streamOf(leadId);
      expect(mql.type).toBe('LeadMarketingQualified');
      expect(mql.metadata.occurredAt).toBe(at);
    });
  });

  describe('a capture of a disqualified address', () => {
    it('answers the lead as it is, at its revision and position, and appends nothing', async () => {
      await run(capture);
      const disqualified = await run(cmd.disqualifyLead());
      const again = await run(cmd.captureLead({ source: 'web form' }), { commandId: 'form-resubmit' });
      expect(again).toMatchObject({
        state: { stage: 'disqualified' },
        revision: disqualified.revision,
        position: disqualified.position,
        events: [],
        replayed: false,
      });
      expect(await streamOf(leadId)).toHaveLength(2);
    });
  });

  describe('personal data', () => {
    it('is stored sealed: no email or name in the event, and the lead key opens it', async () => {
      await run(cmd.captureLead({ firstName: 'Ann', phone: '+44 20 7946 0000' }));
      const [stored] = await streamOf(leadId);
      expect(stored.data).toMatchObject({ email: null, firstName: null, phone: null, source: 'webinar' });
      expect(JSON.stringify(stored.data)).not.toMatch(/ann|7946/i);
      const key = await identity.personalData.openingKey(leadId);
      expect(openPersonalData(stored.data, key)).toMatchObject({
        email: 'ann@example.com',
        firstName: 'Ann',
      });
    });

    it('is opened by no key once the lead is erased, while the events and their chain stay', async () => {
      await run(capture);
      await run(cmd.recordEngagement({ note: 'asked about pricing' }));
      await run(cmd.eraseLead());
      await identity.personalData.erase(leadId);
      const events = await streamOf(leadId);
      expect(events.map((event) => event.type)).toEqual(['LeadCaptured', 'EngagementRecorded', 'LeadErased']);
      expect(verifyChain(events)).toBeUndefined();
      expect(await identity.personalData.openingKey(leadId)).toBeNull();
      await expect(run(cmd.recordEngagement())).rejects.toMatchObject({ code: 'erased' });
    });

    it('seals nothing, and needs no key, for a command with no personal value', async () => {
      await run(capture);
      await run(cmd.recordEngagement());
      const engaged = (await streamOf(leadId))[1];
      expect(engaged.data).toMatchObject({ note: null, personal: null });
    });
  });
});
