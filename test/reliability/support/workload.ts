import { engagementKinds } from '@leadger/lead-domain';
import type { CommandAnswer } from '../../../apps/api/src/leads/command-answer';
import { random } from '../../projections/support/generate-history';
import { advance, choices, sources, type Journey, type Pick } from './lead-walk';

// A load of legal commands sent concurrently, each with its own Idempotency-Key, and a ledger of what every
// one of them was answered. Each worker walks its own leads through the lifecycle one command at a time
// (captures with unique emails, then mql, handoff, accept or reject, qualify, stage changes, won or lost,
// recycle, re-engage…); now and then it sends an engagement or a repeated capture to one of a few hot leads
// that every worker shares, so commands also race on one stream. Every command is legal when it is sent, so
// each must end with a 2xx; a send without an answer is retried with the same key once `recover` allows.

/** One command as sent: its route, JSON body and Idempotency-Key. */
export interface CommandRequest {
  readonly key: string;
  readonly path: string;
  readonly body: object;
  /** 201 for the capture of a new email, 200 for everything else. */
  readonly expectedStatus: 200 | 201;
}

export interface Reply {
  readonly status: number;
  readonly body: unknown;
}

/** What became of one command: every answer it got, and how many attempts got none. */
export interface SentCommand {
  readonly request: CommandRequest;
  readonly answers: Reply[];
  /** Attempts that ended without an answer, each retried with the same key. */
  unanswered: number;
}

export interface WorkloadOptions {
  readonly commands: number;
  readonly concurrency: number;
  readonly seed: number;
  /** Starts every key and email, so runs never meet. */
  readonly prefix: string;
  /** Leads every worker now and then sends to. Default 8. */
  readonly hotLeads?: number;
  /** Resolves with the answer, rejects when there is none (connection refused or reset). */
  readonly send: (request: CommandRequest) => Promise<Reply>;
  /** A send got no answer: resolves when it may be retried with the same key; rejects to give up. */
  readonly recover?: (error: unknown) => Promise<void>;
  /** Called after every answer. */
  readonly onAnswer?: (command: SentCommand) => void;
}

export const isSuccess = (reply: Reply): boolean => reply.status >= 200 && reply.status < 300;

/** The first successful answer of a command, if any. */
export function acknowledgement(command: SentCommand): CommandAnswer | undefined {
  return command.answers.find(isSuccess)?.body as CommandAnswer | undefined;
}

/** Sends `options.commands` commands from `options.concurrency` workers; resolves with every one's fate. */
export async function runWorkload(options: WorkloadOptions): Promise<SentCommand[]> {
  const ledger: SentCommand[] = [];
  let issued = 0;
  const nextKey = (): string | undefined =>
    issued < options.commands ? `${options.prefix}-${issued++}` : undefined;

  const issue = async (request: CommandRequest): Promise<Reply> => {
    const sent: SentCommand = { request, answers: [], unanswered: 0 };
    ledger.push(sent);
    for (;;) {
      let reply: Reply;
      try {
        reply = await options.send(request);
      } catch (error) {
        sent.unanswered++;
        // A server that keeps failing is not coming back: give up rather than spin.
        if (!options.recover || sent.unanswered > 10) throw error;
        await options.recover(error);
        continue;
      }
      sent.answers.push(reply);
      options.onAnswer?.(sent);
      return reply;
    }
  };
  const captureBody = (email: string, pick: Pick) => ({ email, source: pick(sources), firstName: 'Ann' });

  // The hot leads first, one by one, so every worker finds them: their emails and lead ids.
  const hot: { email: string; leadId: string }[] = [];
  const setup = random(options.seed);
  const setupPick: Pick = (list) => list[Math.floor(setup() * list.length)];
  for (let index = 0; index < (options.hotLeads ?? 8); index++) {
    const key = nextKey();
    if (!key) break;
    const email = `${options.prefix}-hot-${index}@example.com`;
    const reply = await issue({
      key,
      path: '/leads',
      body: captureBody(email, setupPick),
      expectedStatus: 201,
    });
    if (isSuccess(reply)) hot.push({ email, leadId: (reply.body as CommandAnswer).leadId });
  }

  const worker = async (index: number) => {
    const next = random(options.seed * 1009 + index + 1);
    const pick: Pick = (list) => list[Math.floor(next() * list.length)];
    let journey: Journey | undefined;
    for (let key = nextKey(); key; key = nextKey()) {
      if (hot.length > 0 && next() < 0.12) {
        const { email, leadId } = pick(hot);
        const request =
          next() < 0.3
            ? { key, path: '/leads', body: captureBody(email, pick), expectedStatus: 200 as const }
            : {
                key,
                path: `/leads/${leadId}/engagements`,
                body: { kind: pick(engagementKinds), scoreDelta: 1 },
                expectedStatus: 200 as const,
              };
        await issue(request);
        continue;
      }
      if (!journey) {
        journey = { email: `${key}@example.com`, stage: 'new', pending: false, steps: 0 };
        const reply = await issue({
          key,
          path: '/leads',
          body: captureBody(journey.email, pick),
          expectedStatus: 201,
        });
        if (!isSuccess(reply)) journey = undefined;
        else advance(journey, ['capture', {}], reply.body as CommandAnswer);
        continue;
      }
      const legal = choices(journey, pick);
      let roll = next() * legal.reduce((sum, [weight]) => sum + weight, 0);
      const step = (legal.find(([weight]) => (roll -= weight) < 0) ?? legal[legal.length - 1])[1]();
      const reply = await issue({
        key,
        path: `/leads/${journey.leadId}/${step[0]}`,
        body: step[1],
        expectedStatus: 200,
      });
      if (isSuccess(reply)) advance(journey, step, reply.body as CommandAnswer);
      // A refused step (which the test reports) or a finished story ends the journey; so do chance and length.
      const over = choices(journey, pick).length === 0 || journey.steps > 12 || next() < 0.08;
      if (!isSuccess(reply) || over) journey = undefined;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, (_, index) => worker(index)));
  return ledger;
}
