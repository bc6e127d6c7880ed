// The roles of DESIGN.md (Identity and roles), written once as data: the API's checks and the OpenAPI
// document's security section are both derived from `access`.

export const roles = [
  'service',
  'marketing',
  'sales',
  'sales_manager',
  'analyst',
  'auditor',
  'admin',
  // A Prometheus scraper: reads `/metrics` and nothing else.
  'metrics',
] as const;
export type Role = (typeof roles)[number];

/**
 * How far a role's grant on an operation reaches:
 * - `any`: every lead;
 * - `own`: leads handed or owned to the principal (a sales rep's own);
 * - `touched`: leads the principal has acted on (a service reading back what it sent);
 * - `masked`: every lead, with personal fields masked (an analyst).
 */
export type Scope = 'any' | 'own' | 'touched' | 'masked';

export type Grants = Readonly<Partial<Record<Role, Scope>>>;

const marketing: Grants = { marketing: 'any' };
const sales: Grants = { sales: 'own', sales_manager: 'any' };
const readLead: Grants = {
  service: 'touched',
  marketing: 'any',
  sales: 'own',
  sales_manager: 'any',
  analyst: 'masked',
  auditor: 'any',
  // An admin erases leads and keeps the deployment: they find a lead and read its trail, never its person.
  admin: 'masked',
};

/** The read models' figures: no personal data in them; an admin sees them too (the dashboard's first key). */
const figures: Grants = {
  marketing: 'any',
  sales_manager: 'any',
  analyst: 'any',
  auditor: 'any',
  admin: 'any',
};

const roster: Grants = { sales_manager: 'any', analyst: 'any', auditor: 'any', admin: 'any' };

/** Every operation of the API and who may call it; an operation missing a role refuses it (403). */
export const access = {
  // Sales capture only the leads they found (origin sales), which a rep names themself the owner of.
  CaptureLead: { service: 'any', marketing: 'any', sales: 'own', sales_manager: 'any' },
  RecordEngagement: { service: 'any', marketing: 'any' },
  RecordAnonymousEngagement: { service: 'any', marketing: 'any' },
  MarkMarketingQualified: marketing,
  HandOffLead: marketing,
  AcceptLead: sales,
  RejectLead: sales,
  QualifyLead: sales,
  ChangeOpportunityStage: sales,
  ReassignLead: { sales_manager: 'any' },
  CloseWon: sales,
  CloseLost: sales,
  ReopenDeal: sales,
  RecycleLead: marketing,
  ReengageLead: marketing,
  DisqualifyLead: marketing,
  RequalifyLead: marketing,
  OpenOpportunity: sales,
  ScheduleCustomerNurture: marketing,
  EraseLead: { admin: 'any' },
  GetLead: readLead,
  GetLeadHistory: readLead,
  VerifyLeadChain: readLead,
  FindLeads: readLead,
  GetFunnel: figures,
  GetStageTimes: figures,
  GetFunnelParts: figures,
  GetCampaignInfluence: figures,
  GetPipeline: { sales: 'any', sales_manager: 'any', analyst: 'any', auditor: 'any', admin: 'any' },
  ListNurture: { marketing: 'any', analyst: 'masked', auditor: 'any', admin: 'masked' },
  ClaimNurture: marketing,
  ListCustomerNurture: { marketing: 'any', analyst: 'masked', auditor: 'any', admin: 'masked' },
  ClaimCustomerNurture: marketing,
  GetHandoffs: figures,
  GetHandoffsSummary: figures,
  CreateApiKey: { admin: 'any' },
  // Who issued or revoked which key, when, is part of what an auditor reads.
  ListApiKeys: { admin: 'any', auditor: 'any' },
  RevokeApiKey: { admin: 'any' },
  // The owner roster: admins keep it, and sales managers, whose reps are on it; analysts and auditors read it.
  SetOwner: { sales_manager: 'any', admin: 'any' },
  ListOwners: roster,
  GetOwner: roster,
  // Webhooks reach outside systems: admins keep them; auditors read who subscribed what and how deliveries went.
  SubscribeWebhook: { admin: 'any' },
  ListWebhooks: { admin: 'any', auditor: 'any' },
  GetWebhook: { admin: 'any', auditor: 'any' },
  PauseWebhook: { admin: 'any' },
  ResumeWebhook: { admin: 'any' },
  DeleteWebhook: { admin: 'any' },
  ListWebhookDeliveries: { admin: 'any', auditor: 'any' },
  RedeliverWebhook: { admin: 'any' },
  // The agreed rules are everyone's to read: they explain what the engine does by itself.
  GetPolicies: {
    service: 'any',
    marketing: 'any',
    sales: 'any',
    sales_manager: 'any',
    analyst: 'any',
    auditor: 'any',
    admin: 'any',
  },
  // Counts and lags, no lead or personal data: for operators (admin) and the scraper's own token.
  GetMetrics: { admin: 'any', metrics: 'any' },
} as const satisfies Record<string, Grants>;

export type Operation = keyof typeof access;

/** The scopes `held` roles grant on `operation`; empty when none may call it (a 403). */
export function scopesOf(operation: Operation, held: readonly Role[]): Scope[] {
  const grants: Grants = access[operation];
  return [...new Set(held.flatMap((role) => (grants[role] ? [grants[role]] : [])))];
}

/** The roles that may call `operation` at all, for a 403's message and the OpenAPI document. */
export function rolesFor(operation: Operation): Role[] {
  const grants: Grants = access[operation];
  return roles.filter((role) => grants[role] !== undefined);
}
