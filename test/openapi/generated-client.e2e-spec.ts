import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { E2E_ACTOR, startTestApp, type TestApp } from '../support/test-app';

// A client generated from the published OpenAPI document, as a user would make one: openapi-typescript reads
// /openapi.json from a running server, and client/walk-to-won.ts, written with openapi-fetch against those
// types, must compile with `tsc --strict` without a single cast, then walk a lead to won and read the lead
// index and every read model against that server. A document that misleads clients breaks one of the three
// steps.

const ROOT = resolve(__dirname, '../..');
const CLIENT = join(__dirname, 'client');
const PROGRAM = 'walk-to-won.ts';
const run = promisify(execFile);
// Generating types and compiling with tsc take seconds each, more on a busy machine.
jest.setTimeout(120_000);

let api: TestApp;
let url: string;
let dir: string;

beforeAll(async () => {
  api = await startTestApp(undefined, { LEADGER_READ_WAIT_MS: '5000' });
  await api.app.listen(0, '127.0.0.1');
  url = await api.app.getUrl();
  dir = mkdtempSync(join(tmpdir(), 'leadger-client-'));
  for (const file of [PROGRAM, 'tsconfig.json']) copyFileSync(join(CLIENT, file), join(dir, file));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
});

afterAll(async () => {
  await api.dispose();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs a Node script of a dev dependency, or the compiled client, in the client's folder. */
const node = (script: string, args: readonly string[], env: NodeJS.ProcessEnv = {}) =>
  run(process.execPath, [script, ...args], {
    cwd: dir,
    env: { ...process.env, ...env },
    timeout: 120_000,
    maxBuffer: 16 * 1024 * 1024,
  });

/** Every cast, `any` and ts-comment in a source file: the client must need none. */
function castsIn(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const at = (node: ts.Node, what: string) =>
    found.push(`${what} at line ${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`);
  const visit = (node: ts.Node): void => {
    if (ts.isAsExpression(node) && node.type.getText(source) !== 'const')
      at(node, `cast "${node.getText(source)}"`);
    if (ts.isTypeAssertionExpression(node)) at(node, 'type assertion');
    if (ts.isNonNullExpression(node)) at(node, `non-null assertion "${node.getText(source)}"`);
    if (node.kind === ts.SyntaxKind.AnyKeyword) at(node, '`any`');
    ts.forEachChild(node, visit);
  };
  visit(source);
  for (const comment of text.match(/@ts-(ignore|expect-error|nocheck)/g) ?? []) found.push(comment);
  return found;
}

describe('a client generated from the published OpenAPI document', () => {
  it('openapi-typescript generates its types from /openapi.json of a running server', async () => {
    const cli = join(ROOT, 'node_modules/openapi-typescript/bin/cli.js');
    await node(cli, [`${url}/openapi.json`, '--output', 'leadger-api.d.ts']);
    expect(readFileSync(join(dir, 'leadger-api.d.ts'), 'utf8')).toContain('export interface paths');
  });

  it('compiles with tsc --strict, and has no cast, no any and no non-null assertion', async () => {
    expect(castsIn(join(dir, PROGRAM))).toEqual([]);
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
    const compiled = await node(tsc, ['--project', 'tsconfig.json', '--strict']).catch(
      (error: { stdout?: string }) => ({ stdout: `tsc failed:\n${error.stdout ?? String(error)}` }),
    );
    expect(compiled.stdout).toBe('');
  });

  it('walks a lead from capture to won and reads the lead, its history, the lead index and every read model', async () => {
    const { stdout } = await node(join('out', PROGRAM.replace(/\.ts$/, '.js')), [], {
      LEADGER_URL: url,
      LEADGER_TOKEN: api.auth.authorization.slice('Bearer '.length),
    });
    const read = JSON.parse(stdout) as Record<string, unknown>;
    expect(read).toEqual({
      captured: { stage: 'lead', revision: '0' },
      accepted: { stage: 'sal', replayed: true, sameRevision: true },
      refusal: { status: 409, stage: 'sal', allowed: expect.arrayContaining(['QualifyLead']) },
      staged: 'commitment',
      won: {
        stage: 'won',
        amount: 52_000,
        owner: 'bob',
        utm: 'linkedin',
        enteredWonAt: 'string',
        allowed: ['RecordEngagement', 'OpenOpportunity', 'ScheduleCustomerNurture'],
      },
      events: [
        `0 LeadCaptured by ${E2E_ACTOR}`,
        `1 EngagementRecorded by ${E2E_ACTOR}`,
        `2 LeadMarketingQualified by ${E2E_ACTOR}`,
        `3 LeadHandedOff by ${E2E_ACTOR}`,
        `4 LeadAccepted by ${E2E_ACTOR}`,
        `5 LeadQualified by ${E2E_ACTOR}`,
        `6 OpportunityStageChanged by ${E2E_ACTOR}`,
        `7 OpportunityStageChanged by ${E2E_ACTOR}`,
        `8 DealWon by ${E2E_ACTOR}`,
      ],
      dealWonFor: 52_000,
      funnel: { wonFromWebinar: 1, sqlToWon: 1 },
      pipeline: { won: 1, winRate: 1, cycles: 1 },
      nurture: { items: 0, nextCursor: 'object', claimed: 0 },
      handoff: { decision: 'accepted', breached: false },
      summary: { accepted: 1, median: 'number' },
      customerNurture: {
        items: 1,
        email: true,
        personalData: 'shown',
        program: 'referral',
        owner: 'bob',
        campaign: 'q3-launch',
        revisitAt: true,
        customerSince: 'string',
      },
      stages: { wonNow: 1, commitmentStays: 1, webinarWonNow: 1 },
      parts: [
        'ToFu: now 0, entered 1',
        'MoFu: now 0, entered 1',
        'BoFu: now 0, entered 1',
        'customers: now 1, entered 1',
      ],
      campaigns: { leads: 1, wonFirstTouch: { deals: 1, amount: 52_000 }, openAnyTouch: 0 },
      leads: [
        { self: true, stage: 'won', owner: 'bob', source: 'webinar', campaign: 'q3-launch', revision: '9' },
      ],
      health: 'ok',
    });
  });
});
