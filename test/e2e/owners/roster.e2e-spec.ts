import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { verifyChain } from '@leadger/lead-application';
import type { Reply } from '../../support/lead-api';
import { getOwners, ownerBody, ownerEvents, putOwner } from '../../support/owner-api';
import { E2E_ACTOR, type TestApp } from '../../support/test-app';
import { withTestApp } from '../../support/with-test-app';
import { eventually } from '../../projections/support/read-models';

// The owner roster over HTTP: PUT /owners/{ownerId} adds or changes an owner (SetOwner → OwnerSet in
// owner-<id>), GET /owners pages the roster and GET /owners/{ownerId} reads one, each with their load.

let app: NestFastifyApplication;
let test: TestApp;
withTestApp((started, context) => {
  app = started;
  test = context;
});

const answer = (reply: Reply) => ({ status: reply.statusCode, etag: reply.headers.etag, body: reply.json() });

function problem(reply: Reply) {
  expect(reply.headers['content-type']).toMatch(/^application\/problem\+json/);
  return { status: reply.statusCode, ...reply.json<object>() };
}

describe('PUT /owners/{ownerId}', () => {
  it('adds the owner (201), records nothing for the same profile (200), records a change (200)', async () => {
    const created = await putOwner(app, 'bob', ownerBody({ teams: ['sdr', 'inbound', 'sdr'] }));
    expect(answer(created)).toEqual({
      status: 201,
      etag: '"0"',
      body: {
        ownerId: 'bob',
        name: 'Bob Lee',
        teams: ['inbound', 'sdr'],
        active: true,
        capacity: 20,
        revision: '0',
        position: expect.stringMatching(/^\d+$/),
        events: ['OwnerSet'],
        replayed: false,
      },
    });

    const again = await putOwner(app, 'bob', ownerBody({ teams: ['inbound', 'sdr'] }));
    expect(answer(again)).toEqual({
      ...answer(created),
      status: 200,
      body: { ...created.json<object>(), events: [] },
    });
    expect(await ownerEvents(app, 'bob')).toHaveLength(1);

    const onLeave = await putOwner(app, 'bob', ownerBody({ teams: ['inbound', 'sdr'], active: false }));
    expect(answer(onLeave)).toMatchObject({
      status: 200,
      etag: '"1"',
      body: { active: false, revision: '1', events: ['OwnerSet'] },
    });
    const events = await ownerEvents(app, 'bob');
    expect(events.map((event) => [event.type, event.metadata.actor, event.metadata.command])).toEqual([
      ['OwnerSet', E2E_ACTOR, 'SetOwner'],
      ['OwnerSet', E2E_ACTOR, 'SetOwner'],
    ]);
    expect(verifyChain(events)).toBeUndefined();
  });

  it('takes a capacity left out or null as no limit', async () => {
    const { capacity: _capacity, ...unlimited } = ownerBody();
    expect((await putOwner(app, 'cara', unlimited)).json()).toMatchObject({ capacity: null });
    const changed = await putOwner(app, 'cara', { ...unlimited, capacity: null });
    expect(answer(changed)).toMatchObject({ status: 200, body: { capacity: null, events: [] } });
  });

  it('answers a retry with the same Idempotency-Key from the first answer, and refuses it with another body', async () => {
    const key = { 'idempotency-key': 'put-dana-1' };
    const first = await putOwner(app, 'dana', ownerBody(), key);
    expect(first.statusCode).toBe(201);
    await putOwner(app, 'dana', ownerBody({ capacity: 5 }));
    const retry = await putOwner(app, 'dana', ownerBody(), key);
    expect(answer(retry)).toEqual({ ...answer(first), body: { ...first.json<object>(), replayed: true } });
    expect(problem(await putOwner(app, 'dana', ownerBody({ capacity: 6 }), key))).toMatchObject({
      status: 422,
      idempotencyKey: 'put-dana-1',
      firstCommand: 'SetOwner',
    });
    expect(await ownerEvents(app, 'dana')).toHaveLength(2);
  });

  it('refuses a stale If-Match with 412 naming the owner and both revisions, and appends nothing', async () => {
    await putOwner(app, 'eli');
    await putOwner(app, 'eli', ownerBody({ capacity: 3 }));
    expect(
      problem(await putOwner(app, 'eli', ownerBody({ capacity: 4 }), { 'if-match': '"0"' })),
    ).toMatchObject({
      status: 412,
      ownerId: 'eli',
      expectedRevision: '0',
      currentRevision: '1',
    });
    expect((await putOwner(app, 'eli', ownerBody({ capacity: 4 }), { 'if-match': '"1"' })).statusCode).toBe(
      200,
    );
    expect(await ownerEvents(app, 'eli')).toHaveLength(3);
  });

  it.each([
    ['name', 'bob', ownerBody({ name: '   ' })],
    ['ownerId', 'Bob%20Lee', ownerBody()],
    ['ownerId', '-bob', ownerBody()],
    ['capacity', 'bob', ownerBody({ capacity: -1 })],
    ['capacity', 'bob', ownerBody({ capacity: 2.5 })],
    ['teams', 'bob', ownerBody({ teams: 'sdr' })],
    ['teams', 'bob', ownerBody({ teams: ['sdr', ' '] })],
    ['teams', 'bob', ownerBody({ teams: [7] })],
    ['active', 'bob', ownerBody({ active: 'yes' })],
    ['active', 'bob', { name: 'Bob Lee', teams: [] }],
    ['shoeSize', 'bob', ownerBody({ shoeSize: 44 })],
  ])('refuses a bad %s with 400 naming it, and appends nothing', async (field, ownerId, body) => {
    const before = await ownerEvents(app, 'bob');
    const refused = problem(await putOwner(app, ownerId, body));
    expect(refused).toMatchObject({
      status: 400,
      errors: expect.arrayContaining([expect.objectContaining({ field })]),
    });
    expect(await ownerEvents(app, 'bob')).toEqual(before);
  });

  it('refuses a body that is not a JSON object', async () => {
    expect(problem(await putOwner(app, 'bob', '[]', { 'content-type': 'application/json' }))).toMatchObject({
      status: 400,
      errors: [{ field: 'body', message: 'must be a JSON object' }],
    });
  });
});

describe('who may keep and read the roster', () => {
  it('lets admins and sales managers set owners; 403 names the roles to everyone else, 401 without a token', async () => {
    const admin = await test.keyFor('roster-admin', ['admin']);
    const manager = await test.keyFor('roster-manager', ['sales_manager']);
    expect((await putOwner(app, 'fay', ownerBody(), admin)).statusCode).toBe(201);
    expect((await putOwner(app, 'fay', ownerBody({ capacity: 2 }), manager)).statusCode).toBe(200);
    for (const role of ['service', 'marketing', 'sales', 'analyst', 'auditor'] as const) {
      const key = await test.keyFor(`roster-${role}`, [role]);
      expect({ role, ...problem(await putOwner(app, 'fay', ownerBody({ capacity: 9 }), key)) }).toMatchObject(
        {
          role,
          status: 403,
          operation: 'SetOwner',
          requiredRoles: ['sales_manager', 'admin'],
        },
      );
    }
    expect(
      problem(await putOwner(app, 'fay', ownerBody({ capacity: 9 }), { authorization: undefined })),
    ).toMatchObject({
      status: 401,
    });
    expect(await ownerEvents(app, 'fay')).toHaveLength(2);
  });

  it('lets admins, sales managers, analysts and auditors read it; 403 for the rest', async () => {
    for (const role of ['admin', 'sales_manager', 'analyst', 'auditor'] as const) {
      const key = await test.keyFor(`reader-${role}`, [role]);
      expect({ role, list: (await getOwners(app, {}, key)).statusCode }).toEqual({ role, list: 200 });
      expect({ role, one: (await getOwners(app, { ownerId: 'bob' }, key)).statusCode }).toEqual({
        role,
        one: 200,
      });
    }
    for (const role of ['service', 'marketing', 'sales'] as const) {
      const key = await test.keyFor(`reader-${role}`, [role]);
      expect(problem(await getOwners(app, {}, key))).toMatchObject({ status: 403, operation: 'ListOwners' });
      expect(problem(await getOwners(app, { ownerId: 'bob' }, key))).toMatchObject({
        status: 403,
        operation: 'GetOwner',
        requiredRoles: ['sales_manager', 'analyst', 'auditor', 'admin'],
      });
    }
    expect(problem(await getOwners(app, {}, { authorization: undefined }))).toMatchObject({ status: 401 });
  });
});

describe('GET /owners and GET /owners/{ownerId}', () => {
  it('pages the roster by owner id with cursor and limit, each owner with their revision and load', async () => {
    for (const ownerId of ['page-c', 'page-a', 'page-e', 'page-b', 'page-d'])
      expect((await putOwner(app, ownerId, ownerBody({ name: ownerId }))).statusCode).toBe(201);
    const seen: string[] = [];
    let query = 'limit=2';
    for (let pages = 0; ; pages++) {
      const page = answer(await getOwners(app, { query }));
      expect(page.status).toBe(200);
      const { items, nextCursor } = page.body as { items: { ownerId: string }[]; nextCursor: string | null };
      seen.push(...items.map((item) => item.ownerId));
      if (nextCursor === null) break;
      expect(items).toHaveLength(2);
      query = `limit=2&cursor=${encodeURIComponent(nextCursor)}`;
    }
    expect(seen).toEqual([...seen].sort());
    expect(seen.filter((id) => id.startsWith('page-'))).toEqual([
      'page-a',
      'page-b',
      'page-c',
      'page-d',
      'page-e',
    ]);
    const listed = (await getOwners(app, { query: 'limit=500' })).json<{
      items: { ownerId: string; load?: unknown }[];
    }>();
    const { load, ...bob } = listed.items.find((item) => item.ownerId === 'bob') ?? {};
    expect(bob).toEqual({
      ownerId: 'bob',
      name: 'Bob Lee',
      teams: ['inbound', 'sdr'],
      active: false,
      capacity: 20,
      revision: '1',
    });
    // Null until the policy runner has folded the roster, then 0: bob holds no lead.
    expect([0, null]).toContain(load);
  });

  it('reads one owner with their revision as ETag, and their load once the policies have counted it', async () => {
    await eventually('the policies to count loads', async () => {
      const reply = await getOwners(app, { ownerId: 'bob' });
      return reply.json<{ load: number | null }>().load !== null;
    });
    expect(answer(await getOwners(app, { ownerId: 'bob' }))).toEqual({
      status: 200,
      etag: '"1"',
      body: {
        ownerId: 'bob',
        name: 'Bob Lee',
        teams: ['inbound', 'sdr'],
        active: false,
        capacity: 20,
        revision: '1',
        load: 0,
      },
    });
  });

  it('answers 404 for an owner not in the roster, 400 for an id that cannot name one', async () => {
    expect(problem(await getOwners(app, { ownerId: 'nobody' }))).toMatchObject({
      status: 404,
      type: 'https://leadger.dev/problems/owner_not_found',
      title: 'Owner not found',
      ownerId: 'nobody',
    });
    expect(problem(await getOwners(app, { ownerId: 'NoBody' }))).toMatchObject({
      status: 400,
      errors: [{ field: 'ownerId', message: expect.any(String) }],
    });
  });

  it('refuses a bad limit with 400 naming it', async () => {
    for (const query of ['limit=0', 'limit=501', 'limit=ten'])
      expect(problem(await getOwners(app, { query }))).toMatchObject({
        status: 400,
        errors: expect.arrayContaining([expect.objectContaining({ field: 'limit' })]),
      });
  });
});
