import { join } from 'node:path';
import Database from 'better-sqlite3';
import { command, send } from '../../support/lead-api';
import { leadAt } from '../../support/lead-journeys';
import { startTestApp, type TestApp } from '../../support/test-app';

// GET /leads/{id}/chain: the lead's hash chain checked from the log, as the dashboard shows it.

interface Chain {
  readonly events: number;
  readonly verified: boolean;
  readonly breaks: { revision: string; reason: string; detail: string }[];
  readonly lastHash: string | null;
}

let test: TestApp;
beforeAll(async () => (test = await startTestApp()));
afterAll(() => test.dispose());

const chainOf = async (leadId: string) => {
  const reply = await send(test.app, { method: 'GET', url: `/leads/${leadId}/chain` });
  expect(reply.statusCode).toBe(200);
  return reply.json<Chain>();
};

describe('a lead’s hash chain', () => {
  it('holds on an untouched lead, also once it is erased', async () => {
    const leadId = await leadAt(test.app, 'sal');
    expect(await chainOf(leadId)).toMatchObject({ events: 4, verified: true, breaks: [] });
    expect((await command(test.app, leadId, 'erase')).statusCode).toBe(200);
    expect(await chainOf(leadId)).toMatchObject({ events: 5, verified: true, breaks: [] });
  });

  it('names the first event edited behind the API, and why', async () => {
    const leadId = await leadAt(test.app, 'mql');
    const db = new Database(join(test.dataDir, 'events.sqlite'));
    try {
      db.prepare(
        `UPDATE events SET data = json_set(data, '$.score', 99) WHERE stream = ? AND revision = 1`,
      ).run(`lead-${leadId}`);
    } finally {
      db.close();
    }
    expect(await chainOf(leadId)).toMatchObject({
      events: 2,
      verified: false,
      breaks: [{ revision: '1', reason: 'hash_mismatch', detail: expect.stringContaining('altered') }],
    });
  });

  it('answers 404 for an unknown lead and 400 for a malformed id', async () => {
    const unknown = await send(test.app, {
      method: 'GET',
      url: '/leads/00000000-0000-4000-8000-000000000000/chain',
    });
    expect(unknown.statusCode).toBe(404);
    const malformed = await send(test.app, { method: 'GET', url: '/leads/nope/chain' });
    expect(malformed.statusCode).toBe(400);
  });

  it('is refused to a sales rep on a lead not handed or owned to them (403)', async () => {
    const leadId = await leadAt(test.app, 'lead');
    const rep = await test.keyFor('chain-rep', ['sales']);
    const reply = await send(test.app, { method: 'GET', url: `/leads/${leadId}/chain`, headers: rep });
    expect(reply.statusCode).toBe(403);
  });
});
