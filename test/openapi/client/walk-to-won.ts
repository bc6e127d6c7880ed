import createClient from 'openapi-fetch';
import type { paths } from './leadger-api';

// A client of the Leadger API as a user would write one: types generated from the published OpenAPI document
// by openapi-typescript (into ./leadger-api.d.ts, which is not committed), calls made with openapi-fetch. It
// walks a lead from capture to won (and into a customer program), reads the lead, its history, the lead
// index and every read model, and prints what it read as JSON. No casts, no `any`, no non-null assertions:
// every field it reads is typed by the document.
// test/openapi/generated-client.e2e-spec.ts generates the types, compiles this with `tsc --strict` and runs it.

const baseUrl = process.env.LEADGER_URL;
const token = process.env.LEADGER_TOKEN;
if (!baseUrl || !token)
  throw new Error('set LEADGER_URL to the API (http://127.0.0.1:3000) and LEADGER_TOKEN to a key');

const client = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${token}` } });

/** The data of a success, or an Error naming the step and the problem the API answered. */
function must<T>(step: string, answer: { data?: T; error?: unknown; response: Response }): T {
  if (answer.data === undefined) {
    throw new Error(`${step}: ${answer.response.status} ${JSON.stringify(answer.error)}`);
  }
  return answer.data;
}

async function main(): Promise<void> {
  const email = `generated-client-${Date.now()}@example.com`;
  const capture = must(
    'CaptureLead',
    await client.POST('/leads', {
      body: { email, source: 'webinar', campaign: 'q3-launch', utm: { source: 'linkedin', medium: 'cpc' } },
    }),
  );
  const leadId = capture.leadId;
  const path = { leadId };
  const on = { path };

  must(
    'RecordEngagement',
    await client.POST('/leads/{leadId}/engagements', {
      params: on,
      body: { kind: 'content_download', scoreDelta: 20 },
    }),
  );
  must(
    'MarkMarketingQualified',
    await client.POST('/leads/{leadId}/mql', { params: on, body: { score: 72, reason: 'score over 70' } }),
  );
  must('HandOffLead', await client.POST('/leads/{leadId}/handoff', { params: on, body: { toOwner: 'bob' } }));
  const acceptOnce = () =>
    client.POST('/leads/{leadId}/accept', {
      params: { path, header: { 'Idempotency-Key': `accept-${leadId}` } },
      body: {},
    });
  const accepted = must('AcceptLead', await acceptOnce());
  const retried = must('AcceptLead retried', await acceptOnce());

  // A refusal is typed too: the problem names the stage and what is allowed from there.
  const refused = await client.POST('/leads/{leadId}/handoff', { params: on, body: { toOwner: 'carol' } });
  if (refused.error === undefined) throw new Error('HandOffLead on a sal lead was not refused');
  const refusal = {
    status: refused.error.status,
    stage: refused.error.stage,
    allowed: refused.error.allowed,
  };

  const sal = must('GetLead', await client.GET('/leads/{leadId}', { params: { path } }));
  if (sal.stage !== 'sal') throw new Error(`expected a sal lead, got ${sal.stage}`);
  const etag = `"${sal.revision}"`;
  must(
    'QualifyLead',
    await client.POST('/leads/{leadId}/qualify', {
      params: { path, header: { 'If-Match': etag } },
      body: {
        budget: 60_000,
        authority: 'CFO signs',
        need: 'pipeline visibility',
        timeline: 'Q3',
        amount: 50_000,
      },
    }),
  );
  must(
    'ChangeOpportunityStage',
    await client.POST('/leads/{leadId}/stage', { params: on, body: { stage: 'evaluation' } }),
  );
  const staged = must(
    'ChangeOpportunityStage',
    await client.POST('/leads/{leadId}/stage', { params: on, body: { stage: 'commitment', amount: 55_000 } }),
  );
  must('CloseWon', await client.POST('/leads/{leadId}/won', { params: on, body: { amount: 52_000 } }));

  const lead = must('GetLead', await client.GET('/leads/{leadId}', { params: { path } }));
  if (lead.stage !== 'won') throw new Error(`expected a won lead, got ${lead.stage}`);

  const events: string[] = [];
  let dealWonFor: number | null = null;
  let fromRevision: string | undefined;
  do {
    const page = must(
      'GetLeadHistory',
      await client.GET('/leads/{leadId}/history', { params: { path, query: { limit: 3, fromRevision } } }),
    );
    for (const event of page.events) {
      events.push(`${event.revision} ${event.type} by ${event.metadata.actor}`);
      // Entries are told apart by type, and each type's data is typed.
      if (event.type === 'DealWon') dealWonFor = event.data.amount;
    }
    fromRevision = page.nextFromRevision ?? undefined;
  } while (fromRevision !== undefined);

  // The customer goes into a referral program: the customer-nurture queue then has something to show.
  const revisitAt = new Date(Date.now() + 30 * 24 * 3_600_000).toISOString();
  const scheduled = must(
    'ScheduleCustomerNurture',
    await client.POST('/leads/{leadId}/customer-nurture', {
      params: on,
      body: { program: 'referral', revisitAt },
    }),
  );

  const after = scheduled.position;
  const funnel = must(
    'GetFunnel',
    await client.GET('/funnel', { params: { query: { after, groupBy: 'source' } } }),
  );
  const webinar = funnel.groups?.find((group) => group.key === 'webinar');
  const pipeline = must(
    'GetPipeline',
    await client.GET('/pipeline', { params: { query: { after, owner: 'bob' } } }),
  );
  const nurture = must(
    'ListNurture',
    await client.GET('/nurture', { params: { query: { after, due: true, limit: 10 } } }),
  );
  const claimed = must(
    'ClaimNurture',
    await client.POST('/nurture/claim', {
      params: { query: { after } },
      body: { consumer: 'generated-client', limit: 10 },
    }),
  );
  const ledger = must(
    'GetHandoffs',
    await client.GET('/handoffs', { params: { query: { after, owner: 'bob' } } }),
  );
  const handoff = ledger.items.find((item) => item.leadId === leadId);
  const summary = must(
    'GetHandoffsSummary',
    await client.GET('/handoffs/summary', { params: { query: { after } } }),
  );
  const bob = summary.owners.find((owner) => owner.owner === 'bob');
  const customers = must(
    'ListCustomerNurture',
    await client.GET('/customer-nurture', { params: { query: { after, limit: 10 } } }),
  );
  const customer = customers.items.find((item) => item.leadId === leadId);
  const stageTimes = must(
    'GetStageTimes',
    await client.GET('/funnel/stages', { params: { query: { after, groupBy: 'source' } } }),
  );
  const webinarStages = stageTimes.groups?.find((group) => group.key === 'webinar')?.stages ?? [];
  const stageFigures = (stage: string, figures = stageTimes.stages) =>
    figures.find((figure) => figure.stage === stage);
  const parts = must('GetFunnelParts', await client.GET('/funnel/parts', { params: { query: { after } } }));
  const influence = must(
    'GetCampaignInfluence',
    await client.GET('/funnel/campaigns', { params: { query: { after } } }),
  );
  const launch = influence.campaigns.find((campaign) => campaign.campaign === 'q3-launch');
  const found = must('FindLeads', await client.GET('/leads', { params: { query: { after, email } } }));
  const health = must('GetHealth', await client.GET('/health'));

  console.log(
    JSON.stringify({
      captured: { stage: capture.stage, revision: capture.revision },
      accepted: {
        stage: accepted.stage,
        replayed: retried.replayed,
        sameRevision: retried.revision === accepted.revision,
      },
      refusal,
      staged: staged.opportunityStage,
      won: {
        stage: lead.stage,
        amount: lead.amount,
        owner: lead.owner,
        utm: lead.utm?.source ?? null,
        enteredWonAt: typeof lead.stageEnteredAt.won,
        allowed: lead.allowedCommands,
      },
      events,
      dealWonFor,
      funnel: {
        wonFromWebinar: webinar?.figures.reached.won ?? 0,
        sqlToWon: funnel.total.conversion.sqlToWon,
      },
      pipeline: {
        won: pipeline.closed.won.count,
        winRate: pipeline.closed.winRate,
        cycles: pipeline.closed.salesCycle.count,
      },
      nurture: {
        items: nurture.items.length,
        nextCursor: typeof nurture.nextCursor,
        claimed: claimed.items.length,
      },
      handoff: { decision: handoff?.decision ?? null, breached: handoff?.breached ?? null },
      summary: { accepted: bob?.accepted ?? 0, median: typeof bob?.medianTimeToDecisionMs },
      customerNurture: {
        items: customers.items.length,
        email: customer?.email === email,
        personalData: customer?.personalData ?? null,
        program: customer?.program ?? null,
        owner: customer?.owner ?? null,
        campaign: customer?.campaign ?? null,
        revisitAt: customer?.revisitAt === revisitAt,
        customerSince: typeof customer?.customerSince,
      },
      stages: {
        wonNow: stageFigures('won')?.now ?? null,
        commitmentStays: stageFigures('commitment')?.time.count ?? null,
        webinarWonNow: stageFigures('won', webinarStages)?.now ?? null,
      },
      parts: parts.parts.map((part) => `${part.name}: now ${part.now}, entered ${part.entered}`),
      campaigns: {
        leads: launch?.leads ?? 0,
        wonFirstTouch: launch?.won.firstTouch ?? null,
        openAnyTouch: launch?.open.anyTouch.deals ?? null,
      },
      leads: found.items.map((item) => ({
        self: item.leadId === leadId,
        stage: item.stage,
        owner: item.owner,
        source: item.source,
        campaign: item.campaign,
        revision: item.revision,
      })),
      health: health.status ?? null,
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
