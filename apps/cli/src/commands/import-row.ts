import {
  disqualifyReasons,
  normalizeEmail,
  type DisqualifyReason,
  type LeadCommand,
} from '@leadger/lead-domain';
import { importFields, type ColumnMap, type ImportField } from './import-columns';

/** A row turned into the commands that bring its lead to the row's stage, or why it cannot be. */
export type RowPlan =
  | {
      readonly ok: true;
      /** The normalized email: what finds (or claims) the row's lead in the directory. */
      readonly email: string;
      /** The commands for the lead the directory names: its id is random, not derived from the email. */
      readonly commandsFor: (leadId: string) => LeadCommand[];
      /** The row's mapped values as they are in the file: the same row always has the same key. */
      readonly key: string;
    }
  | { readonly ok: false; readonly email: string | null; readonly reason: string };

export interface RowDefaults {
  /** `--source`: used when the row has none. */
  readonly source?: string;
  /** When the row has no creation time. */
  readonly now: Date;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?)(Z|[+-]\d{2}:?\d{2})?$/i;

const stageWords: Record<string, 'lead' | 'mql' | 'disqualified'> = {
  '': 'lead',
  lead: 'lead',
  new: 'lead',
  open: 'lead',
  working: 'lead',
  subscriber: 'lead',
  mql: 'mql',
  'marketing qualified': 'mql',
  'marketing qualified lead': 'mql',
  disqualified: 'disqualified',
  unqualified: 'disqualified',
  junk: 'disqualified',
};

/**
 * Plans one row: a capture at the row's creation time, then MarkMarketingQualified or DisqualifyLead when
 * the row's stage says so. Values are checked here; the domain checks the rest when the plan is decided.
 */
export function planRow(cells: readonly string[], columns: ColumnMap, defaults: RowDefaults): RowPlan {
  const get = (field: ImportField) => {
    const at = columns[field];
    return at === undefined ? '' : (cells[at] ?? '').trim();
  };
  const rawEmail = get('email');
  const email = rawEmail ? normalizeEmail(rawEmail) : null;
  const refuse = (reason: string): RowPlan => ({ ok: false, email, reason });
  if (!email) return refuse('email is empty');
  if (!EMAIL.test(email)) return refuse(`email "${rawEmail}" is not an email address`);
  const source = get('source') || defaults.source;
  if (!source) return refuse('source is empty (give a default with --source)');
  const occurredAt = parseTime(get('occurredAt'), defaults.now);
  if (occurredAt === null)
    return refuse(`created date "${get('occurredAt')}" is not a date (YYYY-MM-DD or ISO-8601)`);
  if (occurredAt.getTime() > defaults.now.getTime())
    return refuse(`created date ${occurredAt.toISOString()} is in the future`);
  const stage = stageWords[get('stage').toLowerCase()];
  if (!stage) return refuse(`stage "${get('stage')}" is not one of lead, mql, disqualified`);

  let score = 0;
  if (stage === 'mql') {
    score = get('score') === '' ? 0 : Number(get('score'));
    if (!Number.isFinite(score)) return refuse(`score "${get('score')}" is not a number`);
  }
  const reason =
    get('disqualifyReason')
      .toLowerCase()
      .replace(/[\s-]+/g, '_') || 'not_a_fit';
  if (stage === 'disqualified' && !(disqualifyReasons as readonly string[]).includes(reason))
    return refuse(
      `disqualify reason "${get('disqualifyReason')}" is not one of ${disqualifyReasons.join(', ')}`,
    );

  const metadata = { occurredAt: occurredAt.toISOString() };
  const text = (field: ImportField) => get(field) || undefined;
  const commandsFor = (leadId: string): LeadCommand[] => {
    const commands: LeadCommand[] = [
      {
        type: 'CaptureLead',
        data: {
          leadId,
          email,
          firstName: text('firstName'),
          lastName: text('lastName'),
          company: text('company'),
          title: text('title'),
          phone: text('phone'),
          source,
          campaign: text('campaign'),
          via: 'other',
        },
        metadata,
      },
    ];
    if (stage === 'mql')
      commands.push({
        type: 'MarkMarketingQualified',
        data: { leadId, score, reason: 'imported as MQL' },
        metadata,
      });
    if (stage === 'disqualified')
      commands.push({
        type: 'DisqualifyLead',
        data: { leadId, reason: reason as DisqualifyReason },
        metadata,
      });
    return commands;
  };
  const key = JSON.stringify([...importFields.map(get), defaults.source ?? null]);
  return { ok: true, email, commandsFor, key };
}

/** A day (UTC midnight) or a date-time; a date-time without a zone is read as UTC. Empty means `now`. */
function parseTime(text: string, now: Date): Date | null {
  if (text === '') return now;
  let date: Date;
  if (DAY.test(text)) {
    date = new Date(`${text}T00:00:00.000Z`);
    if (Number.isNaN(date.getTime()) || !date.toISOString().startsWith(text)) return null;
    return date;
  }
  const match = DATE_TIME.exec(text);
  if (!match) return null;
  const zone = match[5] ?? 'Z';
  date = new Date(
    `${match[1]}T${match[2]}${zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone}`,
  );
  return Number.isNaN(date.getTime()) ? null : date;
}
