// The one funnel seen as its parts, each with the team that owns it (DESIGN: The one funnel). The map is
// configuration (the rules file's `funnelParts`); this is the default. Nurture, lost and disqualified leads
// are outside every part.

/** The stages a part may hold: `sql` stands for every opportunity stage. */
export const funnelPartStages = [
  'suspect',
  'lead',
  'mql',
  'sal',
  'sql',
  'prospecting',
  'evaluation',
  'commitment',
  'won',
] as const;
export type FunnelPartStage = (typeof funnelPartStages)[number];

/** A part of the funnel: its name, the stages it holds and the team that owns it. */
export interface FunnelPart {
  readonly name: string;
  readonly team: string;
  readonly stages: readonly FunnelPartStage[];
}

export const defaultFunnelParts: readonly FunnelPart[] = [
  { name: 'ToFu', team: 'marketing', stages: ['suspect', 'lead'] },
  { name: 'MoFu', team: 'marketing and sales development', stages: ['mql', 'sal'] },
  { name: 'BoFu', team: 'sales', stages: ['sql'] },
  { name: 'customers', team: 'customer success and marketing', stages: ['won'] },
];
