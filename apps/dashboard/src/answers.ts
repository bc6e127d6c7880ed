// The parts of the API's answers the pages show (the OpenAPI document at /openapi.json has them whole).

export interface Spread {
  readonly count: number;
  readonly meanMs: number | null;
  readonly medianMs: number | null;
  readonly p90Ms: number | null;
}

export const funnelStages = ['lead', 'mql', 'sal', 'sql', 'won'] as const;
export const conversions = ['leadToMql', 'mqlToSal', 'salToSql', 'sqlToWon', 'leadToWon'] as const;
export const stageTimes = ['leadToMql', 'handoffToDecision', 'salToSql', 'sqlToWon'] as const;

export interface FunnelFigures {
  readonly reached: Record<(typeof funnelStages)[number], number>;
  readonly conversion: Record<(typeof conversions)[number], number | null>;
  readonly times: Record<(typeof stageTimes)[number], Spread>;
}

export interface FunnelAnswer {
  readonly position: string | null;
  readonly asOf?: string;
  readonly total: FunnelFigures;
  readonly groups?: readonly { readonly key: string | null; readonly figures: FunnelFigures }[];
}

export interface PartsAnswer {
  readonly parts: readonly {
    readonly name: string;
    readonly team: string;
    readonly now: number;
    readonly entered: number;
    readonly movedOn: number;
    readonly conversionToNext: number | null;
    readonly time: Spread;
  }[];
}

export interface OpenFigures {
  readonly count: number;
  readonly amount: number;
  readonly weightedAmount: number;
}

interface CountAndAmount {
  readonly count: number;
  readonly amount: number;
}

export interface PipelineFigures {
  readonly open: {
    readonly total: OpenFigures;
    readonly byStage: readonly (OpenFigures & { readonly stage: string })[];
    readonly byOwner: readonly (OpenFigures & { readonly owner: string })[];
  };
  readonly closed: {
    readonly won: CountAndAmount;
    readonly lost: CountAndAmount;
    readonly winRate: number | null;
    readonly lostByReason: readonly (CountAndAmount & { readonly reason: string })[];
    readonly lostByStage: readonly (CountAndAmount & { readonly stage: string })[];
    readonly salesCycle: Spread;
  };
}

export interface PipelineAnswer extends PipelineFigures {
  readonly newBusiness: PipelineFigures;
  readonly expansion: PipelineFigures;
}

export interface HandoffRow {
  readonly id: string;
  readonly leadId: string;
  readonly source: string | null;
  readonly kind: 'handoff' | 'reassignment';
  readonly to: string;
  readonly at: string;
  readonly slaDueAt: string | null;
  readonly decision: string;
  readonly breached: boolean;
}

export interface HandoffsAnswer {
  readonly items: readonly HandoffRow[];
}

export interface HandoffsSummary {
  readonly owners: readonly {
    readonly owner: string;
    readonly pending: number;
    readonly accepted: number;
    readonly rejected: number;
    readonly reassigned: number;
    readonly medianTimeToDecisionMs: number | null;
    readonly breaches: number;
  }[];
  readonly sources: readonly {
    readonly source: string;
    readonly accepted: number;
    readonly rejected: number;
    readonly rejectionRate: number | null;
    readonly rejectionReasons: readonly { readonly reason: string; readonly count: number }[];
  }[];
}

export interface QueueItem {
  readonly leadId: string;
  readonly source: string | null;
  readonly campaign: string | null;
  readonly revisitAt: string;
  readonly originLabel?: string;
  readonly program?: string;
  readonly owner?: string | null;
}

export interface QueueAnswer {
  readonly items: readonly QueueItem[];
}

export interface LeadIndexItem {
  readonly leadId: string;
  readonly stage: string;
  readonly owner: string | null;
  readonly source: string;
  readonly campaign: string | null;
  readonly capturedAt: string;
  readonly lastEventAt: string;
  readonly score: number;
  readonly erased: boolean;
}

export interface LeadIndexAnswer {
  readonly items: readonly LeadIndexItem[];
}

export interface LeadView {
  readonly leadId: string;
  readonly stage: string;
  readonly email: string | null;
  readonly owner: string | null;
  readonly source: string;
  readonly erased: boolean;
  readonly revision: string;
}

export interface HistoryEntry {
  readonly revision: string;
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly metadata: { readonly actor: string; readonly occurredAt: string };
}

export interface HistoryAnswer {
  readonly events: readonly HistoryEntry[];
}

/** `GET /leads/{leadId}/chain`: the lead's hash chain checked from its first event. */
export interface ChainAnswer {
  readonly leadId: string;
  readonly events: number;
  readonly verified: boolean;
  readonly breaks: readonly { readonly revision: string; readonly reason: string; readonly detail: string }[];
}
