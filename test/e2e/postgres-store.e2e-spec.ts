import { randomUUID } from 'node:crypto';
import { capture, command, getLead, send, type Answer } from '../support/lead-api';
import { bodies, uniqueEmail } from '../support/lead-journeys';
import { DATABASE_URL, dropSchema, tempSchema } from '../support/temp-postgres';
import { startTestApp, type TestApp } from '../support/test-app';

// The whole app on the PostgreSQL event store, its vault beside it in the same schema: what the SQLite
// default shows through HTTP holds here too — optimistic concurrency, idempotent retries, the hash chain,
// erasure and the blind index — and survives a restart on the same schema.

jest.setTimeout(60_000);

describe('the API on the PostgreSQL event store', () => {
  const schema = tempSchema('e2e');
  const env = { LEADGER_EVENTSTORE: 'postgres', DATABASE_URL, LEADGER_PG_SCHEMA: schema, REDIS_URL: '' };
  let api: TestApp;

  beforeAll(async () => {
    api = await startTestApp(undefined, env);
  });

  afterAll(async () => {
    await api.dispose();
    await dropSchema(schema);
  });

  it('answers a retried command from the log, refuses a stale revision, and keeps the chain', async () => {
    const key = { 'idempotency-key': `pg-${randomUUID()}` };
    const body = bodies.capture(uniqueEmail('pg'));
    const first = await capture(api.app, body, key);
    expect(first.statusCode).toBe(201);
    const captured = first.json<Answer>();
    const retry = await capture(api.app, body, key);
    expect(retry.json<Answer>()).toMatchObject({
      leadId: captured.leadId,
      position: captured.position,
      replayed: true,
    });

    const stale = await command(api.app, captured.leadId, 'mql', bodies.mql, { 'if-match': '"7"' });
    expect(stale.statusCode).toBe(412);
    const mql = await command(api.app, captured.leadId, 'mql', bodies.mql, { 'if-match': '"0"' });
    expect(mql.statusCode).toBe(200);
    const illegal = await command(api.app, captured.leadId, 'accept');
    expect(illegal.statusCode).toBe(409);

    const chain = await send(api.app, { method: 'GET', url: `/leads/${captured.leadId}/chain` });
    expect(chain.json()).toMatchObject({ verified: true });
  });

  it('erases a person for good: the lead reads erased and the address comes back as a new lead, also after a restart', async () => {
    const email = uniqueEmail('pg-erase');
    const lead = (await capture(api.app, bodies.capture(email))).json<Answer>().leadId;
    expect((await capture(api.app, bodies.capture(email))).json<Answer>().leadId).toBe(lead);
    const admin = await api.keyFor('privacy-officer', ['admin']);
    expect((await command(api.app, lead, 'erase', {}, admin)).statusCode).toBe(200);
    expect((await getLead(api.app, lead)).json()).toMatchObject({ erased: true, email: null });

    await api.close();
    api = await startTestApp(api.dataDir, env);
    expect((await getLead(api.app, lead)).json()).toMatchObject({ erased: true, email: null });
    const recaptured = await capture(api.app, bodies.capture(email));
    expect(recaptured.statusCode).toBe(201);
    expect(recaptured.json<Answer>().leadId).not.toBe(lead);
  });
});
