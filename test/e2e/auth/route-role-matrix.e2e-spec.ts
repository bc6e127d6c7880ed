import { access, ApiKeys, roles, rolesFor, scopesOf, type Operation, type Role } from '@leadger/identity';
import { eventStoreOf, send, storedEventCount, type Headers } from '../../support/lead-api';
import { bodies, leadAt, uniqueEmail, type Destination } from '../../support/lead-journeys';
import { startTestApp, type TestApp } from '../../support/test-app';
import { startReceiver, type Receiver } from '../../support/webhook-receiver';
import { DeliveryLog, messageId, Webhooks } from '@leadger/webhooks';

// Every guarded operation of the published document, called by one key per role, without a token and with
// a bad one. The expected answer comes from the roles table as data (`access`); the table itself is first
// checked against the README's words, written here by hand, so the matrix does not merely mirror the code.

const operations = Object.keys(access) as Operation[];

/** What the README's "Identity and roles" table says each role may call, read from the prose by hand. */
/** What analysts, auditors and admins all read: every lead (masked or not) and every read model's figures. */
const READS_EVERY_LEAD_AND_FIGURE: readonly Operation[] = [
  'GetLead',
  'GetLeadHistory',
  'VerifyLeadChain',
  'FindLeads',
  'GetFunnel',
  'GetStageTimes',
  'GetFunnelParts',
  'GetCampaignInfluence',
  'GetPipeline',
  'ListNurture',
  'ListCustomerNurture',
  'GetHandoffs',
  'GetHandoffsSummary',
];

const readme: Readonly<Record<Role, readonly Operation[]>> = {
  service: [
    'CaptureLead',
    'RecordEngagement',
    'RecordAnonymousEngagement',
    'GetLead',
    'GetLeadHistory',
    'VerifyLeadChain',
    'FindLeads',
    'GetPolicies',
  ],
  marketing: [
    'CaptureLead',
    'RecordEngagement',
    'RecordAnonymousEngagement',
    'MarkMarketingQualified',
    'HandOffLead',
    'RecycleLead',
    'ReengageLead',
    'DisqualifyLead',
    'RequalifyLead',
    'ScheduleCustomerNurture',
    'GetLead',
    'GetLeadHistory',
    'VerifyLeadChain',
    'FindLeads',
    'GetFunnel',
    'GetStageTimes',
    'GetFunnelParts',
    'GetCampaignInfluence',
    'ListNurture',
    'ClaimNurture',
    'ListCustomerNurture',
    'ClaimCustomerNurture',
    'GetHandoffs',
    'GetHandoffsSummary',
    'GetPolicies',
  ],
  sales: [
    'CaptureLead',
    'AcceptLead',
    'RejectLead',
    'QualifyLead',
    'ChangeOpportunityStage',
    'CloseWon',
    'CloseLost',
    'ReopenDeal',
    'OpenOpportunity',
    'GetLead',
    'GetLeadHistory',
    'VerifyLeadChain',
    'FindLeads',
    'GetPipeline',
    'GetPolicies',
  ],
  sales_manager: [
    'CaptureLead',
    'AcceptLead',
    'RejectLead',
    'QualifyLead',
    'ChangeOpportunityStage',
    'CloseWon',
    'CloseLost',
    'ReopenDeal',
    'OpenOpportunity',
    'ReassignLead',
    'GetLead',
    'GetLeadHistory',
    'VerifyLeadChain',
    'FindLeads',
    'GetPipeline',
    'GetFunnel',
    'GetStageTimes',
    'GetFunnelParts',
    'GetCampaignInfluence',
    'GetHandoffs',
    'GetHandoffsSummary',
    'SetOwner',
    'ListOwners',
    'GetOwner',
    'GetPolicies',
  ],
  analyst: [...READS_EVERY_LEAD_AND_FIGURE, 'ListOwners', 'GetOwner', 'GetPolicies'],
  auditor: [
    ...READS_EVERY_LEAD_AND_FIGURE,
    'ListApiKeys',
    'ListOwners',
    'GetOwner',
    'GetPolicies',
    'ListWebhooks',
    'GetWebhook',
    'ListWebhookDeliveries',
  ],
  admin: [
    ...READS_EVERY_LEAD_AND_FIGURE,
    'CreateApiKey',
    'ListApiKeys',
    'RevokeApiKey',
    'EraseLead',
    'SetOwner',
    'ListOwners',
    'GetOwner',
    'GetPolicies',
    'GetMetrics',
    'SubscribeWebhook',
    'ListWebhooks',
    'GetWebhook',
    'PauseWebhook',
    'ResumeWebhook',
    'DeleteWebhook',
    'ListWebhookDeliveries',
    'RedeliverWebhook',
  ],
  metrics: ['GetMetrics'],
};

/** Operations whose success appends lead events; the rest only read (or, for keys, change API keys). */
const appending = new Set<Operation>([
  'CaptureLead',
  'RecordEngagement',
  'RecordAnonymousEngagement',
  'MarkMarketingQualified',
  'HandOffLead',
  'AcceptLead',
  'RejectLead',
  'QualifyLead',
  'ChangeOpportunityStage',
  'ReassignLead',
  'CloseWon',
  'CloseLost',
  'ReopenDeal',
  'RecycleLead',
  'ReengageLead',
  'DisqualifyLead',
  'RequalifyLead',
  'OpenOpportunity',
  'ScheduleCustomerNurture',
  'EraseLead',
]);
const changingKeys = new Set<Operation>(['CreateApiKey', 'RevokeApiKey']);
const changingRoster = new Set<Operation>(['SetOwner']);
const created = new Set<Operation>(['CaptureLead', 'CreateApiKey', 'SetOwner', 'SubscribeWebhook']);

type CallerName = Role | 'no token' | 'bad token';
const callers: readonly CallerName[] = [...roles, 'no token', 'bad token'];

/**
 * The key names. The sales rep is the owner `leadAt` hands leads to, so every lead a test walks past the
 * handoff is its own and an `own` grant is expected to succeed.
 */
const keyNames: Readonly<Record<Role, string>> = {
  service: 'matrix-service',
  marketing: 'matrix-marketing',
  sales: bodies.handoff.toOwner,
  sales_manager: 'matrix-manager',
  analyst: 'matrix-analyst',
  auditor: 'matrix-auditor',
  admin: 'matrix-admin',
  metrics: 'matrix-metrics',
};

/** Well-formed as an API key, but no key has it: the lookup, not the format check, refuses it. */
const unknownKey = `lgr_${'0'.repeat(16)}_${'A'.repeat(43)}`;

interface Route {
  readonly method: string;
  readonly path: string;
}

/** One request of an operation: the path parameters and body that would succeed for a caller it grants. */
interface Call {
  readonly params: Readonly<Record<string, string>>;
  readonly body?: object;
  /** A query string, `?…`. */
  readonly query?: string;
}

let test: TestApp;
let headersOf: Record<CallerName, Headers>;
/** A lead the service key captured and `leadAt`'s handoff gave to the sales key: touched, and owned. */
let readLead: string;
/** The email `readLead` was captured with. */
const readEmail = uniqueEmail('matrix-read');
/** An owner of the roster, on leave. */
const readOwner = 'matrix-roster';
const routes = new Map<Operation, Route>();
let made = 0;

const onLead =
  (stage: Destination, body: object = {}) =>
  async (): Promise<Call> => ({ params: { leadId: await leadAt(test.app, stage) }, body });

/** A capture as `caller` would send it: sales capture the leads they found, in their own name. */
function captureBody(caller?: CallerName): object {
  const body = bodies.capture(uniqueEmail('matrix'));
  if (caller !== 'sales' && caller !== 'sales_manager') return body;
  return { ...body, origin: 'sales', owner: keyNames[caller] };
}

/** How to make a call of each operation that succeeds for a caller its grant allows. */
const prepare: Readonly<Record<Operation, (caller?: CallerName) => Promise<Call>>> = {
  CaptureLead: async (caller) => ({ params: {}, body: captureBody(caller) }),
  RecordEngagement: onLead('lead', bodies.engagement),
  RecordAnonymousEngagement: async () => ({
    params: { anonymousId: `matrix-visitor-${++made}` },
    body: { kind: 'web_visit', scoreDelta: 5 },
  }),
  MarkMarketingQualified: onLead('lead', bodies.mql),
  HandOffLead: onLead('mql', bodies.handoff),
  AcceptLead: onLead('handedOff'),
  RejectLead: onLead('handedOff', bodies.reject),
  QualifyLead: onLead('sal', bodies.qualify),
  ChangeOpportunityStage: onLead('sql', { stage: 'evaluation' }),
  ReassignLead: onLead('handedOff', { toOwner: 'carol' }),
  CloseWon: onLead('sql'),
  CloseLost: onLead('sql', bodies.lostKeepOpen),
  ReopenDeal: onLead('lost'),
  RecycleLead: onLead('lost'),
  ReengageLead: onLead('nurture'),
  DisqualifyLead: onLead('lead', bodies.disqualify),
  RequalifyLead: onLead('disqualified', { note: 'a real buyer, marked spam by mistake' }),
  OpenOpportunity: onLead('won', bodies.openOpportunity),
  ScheduleCustomerNurture: onLead('won', bodies.customerNurture),
  EraseLead: onLead('lead'),
  GetLead: async () => ({ params: { leadId: readLead } }),
  GetLeadHistory: async () => ({ params: { leadId: readLead } }),
  VerifyLeadChain: async () => ({ params: { leadId: readLead } }),
  // By email, which every role that may call it may ask (a service only that way).
  FindLeads: async () => ({ params: {}, query: `?email=${encodeURIComponent(readEmail)}` }),
  GetFunnel: async () => ({ params: {} }),
  GetStageTimes: async () => ({ params: {} }),
  GetFunnelParts: async () => ({ params: {} }),
  GetCampaignInfluence: async () => ({ params: {} }),
  GetPipeline: async () => ({ params: {} }),
  ListNurture: async () => ({ params: {} }),
  ClaimNurture: async () => ({ params: {}, body: { consumer: 'matrix-bot' } }),
  ListCustomerNurture: async () => ({ params: {} }),
  ClaimCustomerNurture: async () => ({ params: {}, body: { consumer: 'matrix-bot' } }),
  GetHandoffs: async () => ({ params: {} }),
  GetHandoffsSummary: async () => ({ params: {} }),
  CreateApiKey: async () => ({ params: {}, body: { name: `matrix-made-${++made}`, roles: ['analyst'] } }),
  ListApiKeys: async () => ({ params: {} }),
  GetPolicies: async () => ({ params: {} }),
  GetMetrics: async () => ({ params: {} }),
  // Owners set here are on leave: routing must not hand the leads of the other calls to them.
  SetOwner: async () => ({
    params: { ownerId: `matrix-owner-${++made}` },
    body: { name: 'Matrix Owner', teams: [], active: false },
  }),
  ListOwners: async () => ({ params: {} }),
  GetOwner: async () => ({ params: { ownerId: readOwner } }),
  SubscribeWebhook: async () => ({ params: {}, body: { url: receiver.url, events: ['LeadErased'] } }),
  ListWebhooks: async () => ({ params: {} }),
  GetWebhook: async () => ({ params: { webhookId: readWebhook } }),
  PauseWebhook: async () => ({ params: { webhookId: await newWebhook() } }),
  ResumeWebhook: async () => {
    const webhookId = await newWebhook();
    await test.app.get(Webhooks).pause(webhookId, 'matrix');
    return { params: { webhookId } };
  },
  DeleteWebhook: async () => ({ params: { webhookId: await newWebhook() } }),
  ListWebhookDeliveries: async () => ({ params: { webhookId: readWebhook } }),
  RedeliverWebhook: async () => ({ params: { webhookId: readWebhook, deliveryId: await deliveredOnce() } }),
  RevokeApiKey: async () => {
    const name = `matrix-doomed-${++made}`;
    await test.keyFor(name, ['service']);
    return { params: { name } };
  },
};

/** A subscription to a receiver that takes everything, for the reads and the redelivery. */
let readWebhook: string;
let receiver: Receiver;

async function newWebhook(): Promise<string> {
  const { webhook } = await test.app
    .get(Webhooks)
    .subscribe({ url: receiver.url, events: ['LeadErased'] }, 'matrix');
  return webhook.webhookId;
}

/** A delivery of `readLead`'s capture to `readWebhook`, as the deliverer would have logged it. */
async function deliveredOnce(): Promise<string> {
  const [captured] = await eventStoreOf(test.app).readAll({
    filter: { streamNamePrefixes: [`lead-${readLead}`] },
    maxCount: 1,
  });
  const at = new Date().toISOString();
  await test.app.get(DeliveryLog).save({
    deliveryId: captured.id,
    webhookId: readWebhook,
    messageId: messageId(readWebhook, captured.id),
    leadId: readLead,
    type: captured.type,
    position: captured.position.toString(),
    revision: captured.revision.toString(),
    stage: { before: 'none', after: 'lead' },
    state: 'delivered',
    attempts: 1,
    firstAttemptAt: at,
    lastAttemptAt: at,
    nextAttemptAt: null,
    history: [{ at, status: 200, latencyMs: 1, error: null }],
  });
  return captured.id;
}

/** What a call answered, and what it changed behind the API. */
interface Outcome {
  readonly caller: CallerName;
  readonly status: number;
  /** A refusal's media type, its `WWW-Authenticate` (401) and `requiredRoles` (403). */
  readonly refusal?: { contentType: string; wwwAuthenticate?: string; requiredRoles?: readonly string[] };
  /** A lead read's `personalData`. */
  readonly personalData?: string;
  readonly appended: boolean;
  readonly keysChanged: boolean;
  readonly rosterChanged: boolean;
}

/** The outcome the roles table predicts. */
function expected(operation: Operation, caller: CallerName): Outcome {
  const unchanged = { appended: false, keysChanged: false, rosterChanged: false };
  const problem = 'application/problem+json; charset=utf-8';
  if (caller === 'no token' || caller === 'bad token')
    return {
      caller,
      status: 401,
      refusal: { contentType: problem, wwwAuthenticate: 'Bearer' },
      ...unchanged,
    };
  const scopes = scopesOf(operation, [caller]);
  if (scopes.length === 0)
    return {
      caller,
      status: 403,
      refusal: { contentType: problem, requiredRoles: rolesFor(operation) },
      ...unchanged,
    };
  const readsLead = operation === 'GetLead' || operation === 'GetLeadHistory';
  return {
    caller,
    status: created.has(operation) ? 201 : 200,
    ...(readsLead ? { personalData: scopes.includes('masked') ? 'masked' : 'shown' } : {}),
    appended: appending.has(operation),
    keysChanged: changingKeys.has(operation),
    rosterChanged: changingRoster.has(operation),
  };
}

/** How many owner events the log holds. */
async function rosterEventCount(): Promise<number> {
  const filter = { streamNamePrefixes: ['owner-'] };
  return (await eventStoreOf(test.app).readAll({ filter, maxCount: Number.MAX_SAFE_INTEGER })).length;
}

/** What the API keys are, without `lastUsedAt` (which every authenticated call moves). */
async function keySnapshot(): Promise<string> {
  const keys = await test.app.get(ApiKeys).list();
  return JSON.stringify(keys.map(({ name, roles, revokedAt }) => ({ name, roles, revokedAt })));
}

async function callAs(caller: CallerName, operation: Operation, call: Call): Promise<Outcome> {
  const { method, path } = routes.get(operation) ?? { method: 'missing', path: 'missing' };
  const url =
    path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(call.params[name])) +
    (call.query ?? '');
  const [eventsBefore, keysBefore, rosterBefore] = [
    await storedEventCount(test.app),
    await keySnapshot(),
    await rosterEventCount(),
  ];
  const reply = await send(test.app, {
    method: method.toUpperCase() as 'GET',
    url,
    payload: call.body,
    headers: headersOf[caller],
  });
  const [eventsAfter, keysAfter, rosterAfter] = [
    await storedEventCount(test.app),
    await keySnapshot(),
    await rosterEventCount(),
  ];
  // Every answer is JSON but the metrics' text.
  const json = String(reply.headers['content-type']).includes('json');
  const body = json ? reply.json<{ requiredRoles?: string[]; personalData?: string }>() : {};
  const refused = reply.statusCode >= 400;
  return {
    caller,
    status: reply.statusCode,
    ...(refused
      ? {
          refusal: {
            contentType: String(reply.headers['content-type']),
            ...(reply.statusCode === 401
              ? { wwwAuthenticate: reply.headers['www-authenticate'] as string }
              : {}),
            ...(reply.statusCode === 403 ? { requiredRoles: body.requiredRoles } : {}),
          },
        }
      : {}),
    ...(!refused && body.personalData !== undefined ? { personalData: body.personalData } : {}),
    appended: eventsAfter !== eventsBefore,
    keysChanged: keysAfter !== keysBefore,
    rosterChanged: rosterAfter !== rosterBefore,
  };
}

beforeAll(async () => {
  receiver = await startReceiver(() => 200);
  test = await startTestApp();
  readWebhook = await newWebhook();
  const keyHeaders = await Promise.all(roles.map((role) => test.keyFor(keyNames[role], [role])));
  headersOf = {
    ...(Object.fromEntries(roles.map((role, i) => [role, keyHeaders[i]])) as Record<Role, Headers>),
    'no token': { authorization: undefined },
    'bad token': { authorization: `Bearer ${unknownKey}` },
  };
  const document = (await send(test.app, { method: 'GET', url: '/openapi.json' })).json<OpenApi>();
  for (const [path, item] of Object.entries(document.paths))
    for (const [method, operation] of Object.entries(item))
      if (operation.security?.length) routes.set(operation.operationId as Operation, { method, path });

  const captured = await send(test.app, {
    method: 'POST',
    url: '/leads',
    payload: bodies.capture(readEmail),
    headers: headersOf.service,
  });
  expect(captured.statusCode).toBe(201);
  readLead = captured.json<{ leadId: string }>().leadId;
  const roster = await send(test.app, {
    method: 'PUT',
    url: `/owners/${readOwner}`,
    payload: { name: 'Matrix Roster', teams: [], active: false },
    headers: headersOf.admin,
  });
  expect(roster.statusCode).toBe(201);
  for (const [action, body] of [
    ['mql', bodies.mql],
    ['handoff', bodies.handoff],
  ] as const) {
    const step = await send(test.app, { method: 'POST', url: `/leads/${readLead}/${action}`, payload: body });
    expect(step.statusCode).toBe(200);
  }
});
afterAll(async () => {
  await test?.dispose();
  await receiver?.close();
});

interface OpenApi {
  readonly paths: Record<
    string,
    Record<string, { operationId: string; security?: object[]; responses: Record<string, unknown> }>
  >;
}

describe('the roles table', () => {
  it('grants each role what the README says it may, and nothing else', () => {
    const granted = (role: Role) => operations.filter((op) => scopesOf(op, [role]).length > 0).sort();
    for (const role of roles)
      expect({ role, may: granted(role) }).toEqual({ role, may: [...readme[role]].sort() });
  });

  it('refuses by hand-picked cases: analyst CaptureLead, sales EraseLead, admin CaptureLead, sales SetOwner, auditor any command', () => {
    expect(expected('CaptureLead', 'analyst').status).toBe(403);
    expect(expected('EraseLead', 'sales').status).toBe(403);
    expect(expected('CaptureLead', 'admin').status).toBe(403);
    expect(expected('AcceptLead', 'marketing').status).toBe(403);
    expect(expected('ReassignLead', 'sales').status).toBe(403);
    expect(expected('CreateApiKey', 'auditor').status).toBe(403);
    expect(expected('SetOwner', 'sales').status).toBe(403);
    expect(expected('SetOwner', 'analyst').status).toBe(403);
    expect(expected('ListOwners', 'marketing').status).toBe(403);
    for (const op of appending)
      expect({ op, status: expected(op, 'auditor').status }).toEqual({ op, status: 403 });
  });

  it('reaches as far as the README says: sales own leads, a service the ones it touched, an analyst masked', () => {
    for (const op of ['CaptureLead', 'AcceptLead', 'CloseWon', 'GetLead', 'GetLeadHistory'] as const)
      expect(scopesOf(op, ['sales'])).toEqual(['own']);
    expect(scopesOf('GetLead', ['service'])).toEqual(['touched']);
    expect(scopesOf('GetLeadHistory', ['analyst'])).toEqual(['masked']);
    expect(scopesOf('GetLead', ['auditor'])).toEqual(['any']);
    expect(scopesOf('AcceptLead', ['sales_manager'])).toEqual(['any']);
  });
});

describe('the published document', () => {
  it('guards exactly the operations of the roles table, each with its 401 and 403', async () => {
    const document = (await send(test.app, { method: 'GET', url: '/openapi.json' })).json<OpenApi>();
    const guarded: string[] = [];
    const open: string[] = [];
    for (const [path, item] of Object.entries(document.paths))
      for (const [method, operation] of Object.entries(item)) {
        if (!operation.security?.length) open.push(`${method.toUpperCase()} ${path}`);
        else {
          guarded.push(operation.operationId);
          expect({ op: operation.operationId, answers: Object.keys(operation.responses) }).toEqual({
            op: operation.operationId,
            answers: expect.arrayContaining(['401', '403']),
          });
        }
      }
    expect(guarded.sort()).toEqual([...operations].sort());
    expect(open.sort()).toEqual(['GET /health', 'GET /health/live', 'GET /health/ready']);
  });
});

describe('every guarded route × every role, no token and a bad token', () => {
  it.each(operations)(
    '%s answers as the roles table says, and a refusal changes nothing',
    async (operation) => {
      expect(routes.has(operation)).toBe(true);
      // Refusals share one call that would succeed, so a missing check would show as a 2xx and an append.
      const refused = await prepare[operation]();
      const outcomes: Outcome[] = [];
      for (const caller of callers) {
        const allowed = expected(operation, caller).status < 400;
        outcomes.push(await callAs(caller, operation, allowed ? await prepare[operation](caller) : refused));
      }
      expect(outcomes).toEqual(callers.map((caller) => expected(operation, caller)));
    },
  );
});
