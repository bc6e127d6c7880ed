import { Command } from 'commander';
import { leadStream } from '@leadger/lead-application';
import { leadIdFor } from '@leadger/lead-domain';
import { FindingError, UsageError } from '../errors';
import { outputOptions, print, type OutputOptions } from '../output/print';
import { progressBar } from '../output/progress';
import { duration, formatNumber, rate, table } from '../output/table';
import { readOnly, withStores } from '../stores';
import { trailOf, type TrailEntry, type TrailHandoff } from './audit-trail';
import { checkStream, scanChains, type Finding } from './chain-scan';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function auditCommand(): Command {
  const audit = outputOptions(
    new Command('audit')
      .summary("a lead's full trail; `audit verify` checks the hash chains")
      .description(
        "A lead's full trail: every event with actor, times, stage before → after, reason, owner changes, " +
          'and its handoffs with their decisions. `audit verify` checks the hash chains.',
      )
      .argument('<lead>', 'the lead id (a UUID) or its email'),
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
          'altered or missing event of each broken stream. Exit 1 when anything is broken.',
      )
      .option('--lead <lead>', 'check only this lead (id or email)'),
  ).action((options: OutputOptions & { lead?: string }) => verify(options));
}

function leadIdOf(lead: string): string {
  const text = lead.trim();
  if (UUID.test(text)) return text.toLowerCase();
  if (/^[^\s@]+@[^\s@]+$/.test(text)) return leadIdFor(text);
  throw new UsageError(`"${lead}" is neither a lead id (a UUID) nor an email`);
}

async function trail(lead: string, options: OutputOptions): Promise<void> {
  const leadId = leadIdOf(lead);
  await withStores(async ({ eventStore }) => {
    const stream = leadStream(leadId);
    const read = await eventStore.readStream(stream);
    if (!read.found) throw new FindingError(`no lead ${leadId}`);
    const { entries, handoffs } = trailOf(read.events);
    const broken = checkStream(read.events);
    const last = entries[entries.length - 1];
    const answer = {
      leadId,
      stream,
      email: read.events[0]?.data.email ?? null,
      stage: last.stageAfter,
      owner: last.ownerAfter,
      chain: broken ? { intact: false, break: broken } : { intact: true },
      events: entries,
      handoffs,
    };
    print(options, answer, () => humanTrail(answer.email, stream, entries, handoffs, broken));
    if (broken) process.exitCode = 1;
  }, readOnly);
}

function humanTrail(
  email: unknown,
  stream: string,
  entries: readonly TrailEntry[],
  handoffs: readonly TrailHandoff[],
  broken: Finding | undefined,
): string {
  const last = entries[entries.length - 1];
  const owner = (before: string | null, after: string | null) =>
    before === after ? (after ?? '') : `${before ?? '–'} → ${after ?? '–'}`;
  return [
    `Lead ${stream.slice(5)} <${String(email)}> — now ${last.stageAfter}${last.ownerAfter ? `, owner ${last.ownerAfter}` : ''}`,
    '',
    table(
      ['rev', 'occurred', 'recorded', 'actor', 'event', 'stage', 'owner', 'reason', 'detail'],
      entries.map((e) => [
        e.revision,
        e.occurredAt,
        e.recordedAt,
        e.actor,
        e.type,
        e.stageBefore === e.stageAfter ? e.stageAfter : `${e.stageBefore} → ${e.stageAfter}`,
        owner(e.ownerBefore, e.ownerAfter),
        [e.reason, e.note].filter(Boolean).join(': '),
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

async function verify(options: OutputOptions & { lead?: string }): Promise<void> {
  await withStores(async ({ eventStore }) => {
    const started = Date.now();
    let result;
    if (options.lead !== undefined) {
      const stream = leadStream(leadIdOf(options.lead));
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
