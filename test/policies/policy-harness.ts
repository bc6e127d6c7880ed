import { randomUUID } from 'node:crypto';
import type { EventStore, RecordedEvent } from '@leadger/event-store';
import { handleCommand, leadStream, setOwner, type CommandHandlerDeps } from '@leadger/lead-application';
import type { LeadCommand, OwnerProfile } from '@leadger/lead-domain';
import { rulesSchema, type Rules } from '@leadger/policies';
import {
  startPolicyRunner,
  type OutboxEntry,
  type PolicyRunnerHandle,
  type PolicyRunnerOptions,
} from '@leadger/policy-runtime';
import type { ReadStore } from '@leadger/read-store';
import { commandDeps } from '../support/command-deps';
import { tempIdentity } from '../support/temp-identity';

/** A movable clock: tests move it forward instead of sleeping. */
export class TestClock {
  constructor(private now: Date) {}
  read = (): Date => this.now;
  advanceHours(hours: number): void {
    this.now = new Date(this.now.getTime() + hours * 3_600_000);
  }
}

export const start = new Date('2026-11-23T10:00:00.000Z');

/**
 * The command path as the API runs it (real vault, real stores) under a movable clock, and policy runners
 * on it: what a test of the policies needs besides the stores it is given.
 */
export class PolicyHarness {
  readonly clock = new TestClock(start);
  readonly identity = tempIdentity();
  readonly deps: CommandHandlerDeps;
  readonly effects: { entry: OutboxEntry; outcome: string }[] = [];
  private readonly runners: PolicyRunnerHandle[] = [];

  constructor(
    readonly eventStore: EventStore,
    readonly readStore: ReadStore,
  ) {
    this.deps = commandDeps(eventStore, this.identity.personalData, this.clock.read);
  }

  startRunner(document: unknown, options: Partial<PolicyRunnerOptions> = {}): PolicyRunnerHandle {
    const runner = startPolicyRunner({
      eventStore: this.eventStore,
      readStore: this.readStore,
      commands: this.deps,
      rules: rulesOf(document),
      digest: 'test-digest',
      tickMs: 60_000,
      leaseMs: 2000,
      retryInitialMs: 20,
      onEffect: (entry, outcome) => this.effects.push({ entry, outcome }),
      ...options,
    });
    this.runners.push(runner);
    return runner;
  }

  /** Adds the owner to the roster, or changes them, through SetOwner as the API runs it. */
  async setOwner(ownerId: string, profile: Partial<OwnerProfile> = {}): Promise<void> {
    const data = { ownerId, name: ownerId, teams: ['sdr'], active: true, capacity: null, ...profile };
    const occurredAt = this.clock.read().toISOString();
    await setOwner(this.deps, { type: 'SetOwner', data, metadata: { occurredAt } }, { actor: 'svc:test' });
  }

  /** Captures a lead from `source` and gives it `score` points in one engagement; returns its id. */
  async captureScored(score: number, source = 'webinar', leadId = randomUUID()): Promise<string> {
    const occurredAt = this.clock.read().toISOString();
    await this.run({
      type: 'CaptureLead',
      data: { leadId, email: `${leadId}@example.com`, source, company: 'Acme', title: 'VP Sales' },
      metadata: { occurredAt },
    });
    if (score > 0) {
      await this.run({
        type: 'RecordEngagement',
        data: { leadId, kind: 'meeting', scoreDelta: score },
        metadata: { occurredAt },
      });
    }
    return leadId;
  }

  run(command: LeadCommand, actor = 'svc:test'): Promise<unknown> {
    return handleCommand(
      this.deps,
      { ...command, metadata: { occurredAt: this.clock.read().toISOString() } },
      { actor },
    );
  }

  async history(leadId: string): Promise<readonly RecordedEvent[]> {
    const read = await this.eventStore.readStream(leadStream(leadId));
    return read.found ? read.events : [];
  }

  /** Waits until the lead's history holds an event of `type` past `count` of them, or fails after a while. */
  async waitForEvent(leadId: string, type: string, count = 1, timeoutMs = 10_000): Promise<RecordedEvent> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const found = (await this.history(leadId)).filter((event) => event.type === type);
      if (found.length >= count) return found[count - 1];
      if (Date.now() > until) throw new Error(`no ${count}× ${type} on lead ${leadId}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async dispose(): Promise<void> {
    await Promise.all(this.runners.map((runner) => runner.stop()));
    await this.identity.dispose();
  }
}

export function rulesOf(document: unknown): Rules {
  return rulesSchema.parse(document);
}
