import { Command } from 'commander';
import { leadStream } from '@leadger/lead-application';
import { FindingError, UsageError } from '../errors';
import { outputOptions, print, type OutputOptions } from '../output/print';
import { progressBar } from '../output/progress';
import { duration, formatNumber, rate, table } from '../output/table';
import { readOnly, withStores, type Stores } from '../stores';
import { personOf, trailOf, type Person, type TrailEntry, type TrailHandoff } from './audit-trail';
import { checkStream, scanChains, type Finding } from './chain-scan';
import { openLead, type CliPersonalDataView } from './opened-events';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+$/;

export function auditCommand(): Command {
  const audit = outputOptions(
    new Command('audit')
      .summary("a lead's full trail; `audit verify` checks the hash chains")
      .description(
        "A lead's full trail: every event with actor, times, stage before → after, reason, owner changes, " +
          "and its handoffs with their decisions, personal fields opened with the lead's key. An erased " +
          'lead\'s trail is shown whole with its personal fields gone (JSON: personalData "erased"); its ' +
          'email no longer finds it. `audit verify` checks the hash chains.',
      )
      .argument('<lead>', 'the lead id (a UUID) or its email (found through the blind index)'),
    false,
  ).action((lead: string, options: OutputOptions) => trail(lead, options));
  audit.enablePositionalOptions().addCommand(verifyCommand());
  return audit;
}

function verifyCommand(): Command {
  return outputOptions(
    new Command('verify')
      .summary('check hash chains and revision continuity')
      .description(
        "Checks every lead stream's hash chain and revision continuity (or one lead's) and names the first " +
          'altered or missing event of each broken stream. Exit 1 when anything is broken. The hashes cover ' +
          'the events as stored, personal fields sealed, so they still hold after a lead is erased; no key ' +
          'is needed.',
      )
      .option('--lead <lead>', 'check only this lead (id or email)'),
  ).action((options: OutputOptions & { lead?: string }) => verify(options));
}

/** A lead as named on the command line: checked before any store is opened. */
type LeadRef = { readonly id: string } | { readonly email: string };

function leadRefOf(lead: string): LeadRef {
  const text = lead.trim();
  if (UUID.test(text)) return { id: text.toLowerCase() };
  if (EMAIL.test(text)) return { email: text };
  throw new UsageError(`"${lead}" is neither a lead id (a UUID) nor an email`);
}

/** The lead's id; an email is looked up in the blind index, where an erased lead no longer is. */
async function leadIdOf(ref: LeadRef, stores: Stores): Promise<string> {
  if ('id' in ref) return ref.id;
  const found = await (await stores.identity()).directory.find(ref.email);
  if (!found) throw new FindingError(`no lead ${ref.email} (never captured, or erased)`);
  return found;
}

async function trail(lead: string, options: OutputOptions): Promise<void> {
  const ref = leadRefOf(lead);
  await withStores(async (stores) => {
    const leadId = await leadIdOf(ref, stores);
    const stream = leadStream(leadId);
    const read = await stores.eventStore.readStream(stream);
    if (!read.found) throw new FindingError(`no lead ${leadId}`);
    // The chain is checked over the events as stored; the trail shows them opened.
    const broken = checkStream(read.events);
    const opened = await openLead(() => stores.identity(), leadId, read.events);
    const { entries, handoffs } = trailOf(opened.events);
    const person = personOf(opened.events);
    const last = entries[entries.length - 1];
    const answer = {
      leadId,
      stream,
      personalData: opened.personalData,
      email: person?.email ?? null,
      person,
      stage: last.stageAfter,
      owner: last.ownerAfter,
      chain: broken ? { intact: false, break: broken } : { intact: true },
      events: entries,
      handoffs,
    };
    print(options, answer, () => humanTrail(leadId, opened.personalData, person, entries, handoffs, broken));
    if (broken) process.exitCode = 1;
  }, readOnly);
}

function humanTrail(
  leadId: string,
  personalData: CliPersonalDataView,
  person: Person | null,
  entries: readonly TrailEntry[],
  handoffs: readonly TrailHandoff[],
  broken: Finding | undefined,
): string {
  const last = entries[entries.length - 1];
  const owner = (before: string | null, after: string | null) =>
    before === after ? (after ?? '') : `${before ?? '–'} → ${after ?? '–'}`;
  const who = personalData === 'erased' ? 'personal data erased' : describePerson(person);
  return [
    `Lead ${leadId} — ${who} — now ${last.stageAfter}${last.ownerAfter ? `, owner ${last.ownerAfter}` : ''}`,
    ...(personalData === 'erased'
      ? [
          "Personal data: ERASED — the lead's key is destroyed; names, email and notes can no longer be " +
            'read. Every event and its hash stay.',
        ]
      : []),
    '',
    table(
      ['rev', 'occurred', 'recorded', 'actor', 'event', 'stage', 'owner', 'reason', 'rule', 'detail'],
      entries.map((e) => [
        e.revision,
        e.occurredAt,
        e.recordedAt,
        e.actor,
        e.type,
        e.stageBefore === e.stageAfter ? e.stageAfter : `${e.stageBefore} → ${e.stageAfter}`,
        owner(e.ownerBefore, e.ownerAfter),
        [e.reason, e.note].filter(Boolean).join(': '),
        // The digest's head is enough to find the PoliciesChanged event that holds those rules.
        e.policy ? `${e.policy.rule} @ ${e.policy.digest.slice(0, 12)}` : '',
        e.detail,
      ]),
    ),
    '',
    handoffs.length === 0
      ? 'Handoffs: none'
      : `Handoffs:\n${table(
          [
            'kind',
            'at',
            'by',
            'from',
            'to',
            'SLA due',
            'decision',
            'decided',
            'decided by',
            'reason',
            'took',
            'breached',
          ],
          handoffs.map((h) => [
            h.kind,
            h.at,
            h.by,
            h.from,
            h.to,
            h.slaDueAt,
            h.decision,
            h.decidedAt,
            h.decidedBy,
            h.reason,
            h.timeToDecisionMs === null ? null : duration(h.timeToDecisionMs),
            h.breached === null ? null : h.breached ? 'yes' : 'no',
          ]),
        )}`,
    '',
    broken
      ? `Hash chain: BROKEN at revision ${broken.revision} (${broken.reason}): ${broken.detail}`
      : `Hash chain: intact over ${entries.length} events`,
  ].join('\n');
}

/** "Ann Lee <ann@example.com>, CTO, Acme, +1 555 0100": what the capture said of the person. */
function describePerson(person: Person | null): string {
  if (!person) return 'no personal data';
  const name = [person.firstName, person.lastName].filter(Boolean).join(' ');
  const contact = [name, person.email ? `<${person.email}>` : null].filter(Boolean).join(' ');
  return [contact, person.title, person.company, person.phone].filter(Boolean).join(', ');
}

async function verify(options: OutputOptions & { lead?: string }): Promise<void> {
  const ref = options.lead === undefined ? undefined : leadRefOf(options.lead);
  await withStores(async (stores) => {
    const { eventStore } = stores;
    const started = Date.now();
    let result;
    if (ref !== undefined) {
      const stream = leadStream(await leadIdOf(ref, stores));
      const read = await eventStore.readStream(stream);
      if (!read.found) throw new FindingError(`no lead ${stream.slice(5)}`);
      const broken = checkStream(read.events);
      result = {
        events: read.events.length,
        streams: 1,
        findings: broken ? [broken] : [],
        missingPositions: [],
      };
    } else {
      const head = await eventStore.headPosition();
      const bar = progressBar('verify', { unit: 'events', total: Number(head), enabled: options.progress });
      result = await scanChains(eventStore, (position, events) =>
        bar.update(Number(position), events),
      ).finally(() => bar.stop());
    }
    const ms = Date.now() - started;
    const ok = result.findings.length === 0 && result.missingPositions.length === 0;
    print(options, { ok, ...result, ms }, () => {
      const checked = `${formatNumber(result.events)} events in ${formatNumber(result.streams)} streams checked in ${(ms / 1000).toFixed(1)} s (${rate(result.events, ms)})`;
      if (ok) return `OK: ${checked}; every hash chain is intact and every revision is in place.`;
      const lines = [`BROKEN: ${checked}.`];
      if (result.findings.length > 0) {
        const first = result.findings[0];
        lines.push(
          `First broken event: stream ${first.stream}, revision ${first.revision} — ${first.detail}.`,
          '',
          table(
            ['stream', 'revision', 'reason', 'seen at position', 'detail'],
            result.findings.map((f) => [f.stream, f.revision, f.reason, f.position, f.detail]),
          ),
        );
      }
      if (result.missingPositions.length > 0)
        lines.push('', `Positions missing from $all (events removed): ${result.missingPositions.join(', ')}`);
      return lines.join('\n');
    });
    if (!ok) process.exitCode = 1;
  }, readOnly);
}
