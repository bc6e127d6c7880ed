import {
  customerNurturePrograms,
  defaultFunnelParts,
  disqualifyReasons,
  funnelPartStages,
  lostReasons,
  opportunityStages,
  rejectReasons,
} from '@leadger/lead-domain';
import { z } from 'zod';

// The rules marketing and sales agreed, as one document (`config/policies.yaml`, or LEADGER_POLICIES): the
// schema is the contract, and every default is today's behaviour, so an empty file changes nothing.

const name = z.string().trim().min(1);
const names = z.array(name);
const hours = z
  .number()
  .positive()
  .max(24 * 365);

/** A rule that makes a lead an MQL by itself: a score to reach, and fit conditions that must all hold. */
const mqlRule = z
  .object({
    /** Names the rule; it is the MQL's reason, so a lead's history says which rule moved it. */
    name,
    /** The lead's score must be at least this. */
    minScore: z.number().int(),
    /** The lead must have a company. */
    companyPresent: z.boolean().default(false),
    /** The lead's title must match this regular expression (case-insensitive). */
    titleMatches: z
      .string()
      .refine(validPattern, { message: 'must be a valid regular expression' })
      .optional(),
    /** The lead's source must be one of these. */
    sources: names.optional(),
  })
  .strict();

const probability = z.number().min(0).max(1);

/** A part of the funnel: the stages it holds (`sql`: every opportunity stage) and the team that owns it. */
const funnelPart = z.object({ name, team: name, stages: z.array(z.enum(funnelPartStages)).min(1) }).strict();

export const rulesSchema = z
  .object({
    mql: z
      .object({
        /** Tried in order; the first that holds makes the lead an MQL. None: no lead is made MQL by itself. */
        rules: z.array(mqlRule).default([]),
      })
      .strict()
      .default({ rules: [] }),
    routing: z
      .object({
        /** Hand every MQL without an owner to the next eligible owner, round-robin. */
        enabled: z.boolean().default(true),
        /** Only owners of these teams get MQLs (default: every active owner of the roster). */
        teams: names.optional(),
        /** Per source, the teams whose owners get its MQLs, before `teams`. */
        bySource: z.record(name, names).default({}),
      })
      .strict()
      .default({ enabled: true, bySource: {} }),
    sla: z
      .object({
        /** Hours sales has to accept or reject a handoff that names no due time. */
        hours: hours.default(24),
        /** Other hours for the handoffs of some sources (first match wins). */
        segments: z.array(z.object({ name, sources: names.min(1), hours }).strict()).default([]),
        /** How often a breached handoff is reassigned to the next eligible owner. */
        maxReassignments: z.number().int().min(0).max(20).default(2),
        /** After the last reassignment is breached too: `reject` it back to nurture (reason sla_breach), or `wait`. */
        then: z.enum(['reject', 'wait']).default('reject'),
      })
      .strict()
      .default({ hours: 24, segments: [], maxReassignments: 2, then: 'reject' }),
    nurture: z
      .object({
        /** Days until a recycled lead is due again, per reason; `default` for the rest. */
        revisitDays: z
          .record(name, z.number().int().min(1).max(3650))
          .default({ timing: 90, pricing: 180, competitor: 365, default: 90 })
          .refine((days) => 'default' in days, { message: 'must have a default' }),
        /** What a due item does: wait in the queue for a `claim`, or re-engage the lead to lead or mql. */
        onDue: z.enum(['claim', 'reengage-lead', 'reengage-mql']).default('claim'),
      })
      .strict()
      .default({ revisitDays: { timing: 90, pricing: 180, competitor: 365, default: 90 }, onDue: 'claim' }),
    reasons: z
      .object({
        reject: names.min(1).default([...rejectReasons, 'sla_breach']),
        lost: names.min(1).default([...lostReasons]),
        disqualify: names.min(1).default([...disqualifyReasons]),
      })
      .strict()
      .default({
        reject: [...rejectReasons, 'sla_breach'],
        lost: [...lostReasons],
        disqualify: [...disqualifyReasons],
      }),
    /** Win probability of each opportunity stage, for the weighted pipeline. */
    winProbabilities: z
      .object(
        Object.fromEntries(opportunityStages.map((stage) => [stage, probability])) as {
          [S in (typeof opportunityStages)[number]]: typeof probability;
        },
      )
      .strict()
      .default({ prospecting: 0.1, evaluation: 0.4, commitment: 0.75 }),
    /** The funnel's parts in funnel order, each with its owning team (GET /funnel/parts). */
    funnelParts: z
      .array(funnelPart)
      .min(1)
      .default(() => defaultFunnelParts.map((part) => ({ ...part, stages: [...part.stages] })))
      .refine((parts) => new Set(parts.map((part) => part.name)).size === parts.length, {
        message: 'must name each part once',
      })
      .refine((parts) => stagesOnce(parts.flatMap((part) => part.stages)), {
        message: 'must put each stage in one part at most (sql holds prospecting, evaluation and commitment)',
      }),
    customerNurture: z
      .object({
        /**
         * The program a customer is put in after each win, due `days` after the policy schedules it; null
         * (the default): nothing is scheduled by itself.
         */
        afterWin: z
          .object({
            program: z.enum(customerNurturePrograms),
            days: z.number().int().min(1).max(3650),
          })
          .strict()
          .nullable()
          .default(null),
      })
      .strict()
      .default({ afterWin: null }),
  })
  .strict();

/** The rules in force. */
export type Rules = z.infer<typeof rulesSchema>;

/** One MQL rule of the rules document. */
export type MqlRule = z.infer<typeof mqlRule>;

/** The rules when the file says nothing: today's behaviour. */
export const defaultRules: Rules = rulesSchema.parse({});

function validPattern(pattern: string): boolean {
  try {
    new RegExp(pattern, 'i');
    return true;
  } catch {
    return false;
  }
}

function stagesOnce(stages: readonly string[]): boolean {
  const expanded = stages.flatMap((stage) => (stage === 'sql' ? [...opportunityStages] : [stage]));
  return new Set(expanded).size === expanded.length;
}
