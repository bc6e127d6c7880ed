import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStoreUnavailableError, SqliteEventStore, type EventStore } from '@leadger/event-store';
import { RulesFileError } from '@leadger/policies';
import { lastRecordedPolicies } from './policies-stream';
import { startPolicies } from './start-policies';

let dir: string;
let store: SqliteEventStore;
let file: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'leadger-start-policies-'));
  store = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
  file = join(dir, 'policies.yaml');
  writeFileSync(file, 'sla:\n  hours: 8\n');
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The store, down for its first `failures` reads. */
function downAtFirst(failures: number): EventStore {
  let left = failures;
  return Object.assign(Object.create(store) as EventStore, {
    readStream: (...args: Parameters<EventStore['readStream']>) =>
      left-- > 0
        ? Promise.reject(new EventStoreUnavailableError('connect ECONNREFUSED 127.0.0.1:2113'))
        : store.readStream(...args),
    appendToStream: store.appendToStream.bind(store),
  });
}

const fast = { retryInitialMs: 5, retryMaxMs: 20 };

describe('starting on the rules file', () => {
  it('knows the rules at once and records them on the first attempt when the store answers', async () => {
    const policies = startPolicies(store, file, fast);
    expect(policies.loaded.rules.sla.hours).toBe(8);
    await policies.firstAttempt;
    expect(policies.recorded()).toMatchObject({ digest: policies.loaded.digest, source: file });
    expect(await policies.inForce).toEqual(policies.recorded());
  });

  it('refuses a bad file at once, before touching the store', () => {
    writeFileSync(file, 'sla:\n  hours: many\n');
    expect(() => startPolicies(downAtFirst(Infinity), file, fast)).toThrow(RulesFileError);
  });

  it('comes up while the store is down, and records the rules once it answers', async () => {
    const retries: number[] = [];
    const policies = startPolicies(downAtFirst(3), file, {
      ...fast,
      onRetry: (error, attempt) => {
        expect(error).toBeInstanceOf(EventStoreUnavailableError);
        retries.push(attempt);
      },
    });
    await policies.firstAttempt;
    expect(policies.recorded()).toBeNull();
    const inForce = await policies.inForce;
    expect(retries).toEqual([1, 2, 3]);
    expect(await lastRecordedPolicies(store)).toMatchObject({
      digest: inForce.digest,
      position: inForce.position,
    });
  });

  it('stops retrying when told to, recording nothing', async () => {
    const policies = startPolicies(downAtFirst(Infinity), file, {
      retryInitialMs: 60_000,
      retryMaxMs: 60_000,
    });
    await policies.firstAttempt;
    policies.stop();
    await expect(policies.inForce).rejects.toThrow(/stopped before the rules/);
    expect(await lastRecordedPolicies(store)).toBeNull();
  });
});
