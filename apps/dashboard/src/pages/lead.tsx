import type { ChainAnswer, HistoryAnswer, HistoryEntry, LeadView } from '../answers';
import { Fig } from '../figure';
import { Status } from '../status';
import { useApi } from '../use-api';

/** One lead: its stage, its hash chain checked, and every event with actor, reason, stage change and time. */
export function LeadPage({ leadId, onSignedOut }: { leadId: string; onSignedOut: () => void }) {
  const id = encodeURIComponent(leadId);
  const loaded = useApi<[LeadView, HistoryAnswer]>([`/leads/${id}`, `/leads/${id}/history?limit=500`]);
  // Read on its own: a server without the chain check still shows the timeline.
  const chain = useApi<[ChainAnswer]>([`/leads/${id}/chain`]);
  return (
    <section aria-labelledby="lead-title">
      <h1 id="lead-title">Lead {leadId}</h1>
      <Status loaded={loaded} onSignedOut={onSignedOut} />
      {loaded.data && (
        <Timeline lead={loaded.data[0]} history={loaded.data[1]} chain={chain.data?.[0] ?? null} />
      )}
    </section>
  );
}

function Timeline({
  lead,
  history,
  chain,
}: {
  lead: LeadView;
  history: HistoryAnswer;
  chain: ChainAnswer | null;
}) {
  return (
    <>
      <dl class="tiles">
        <div>
          <dt>Stage</dt>
          <dd data-figure="lead.stage" data-value={lead.stage}>
            {lead.stage}
          </dd>
        </div>
        <div>
          <dt>Owner</dt>
          <dd>{lead.owner ?? '—'}</dd>
        </div>
        <div>
          <dt>Email</dt>
          <dd>
            {lead.erased ? (
              <strong data-figure="lead.erased" data-value="true">
                erased
              </strong>
            ) : (
              (lead.email ?? 'masked')
            )}
          </dd>
        </div>
        <div>
          <dt>Hash chain</dt>
          <ChainStatus chain={chain} />
        </div>
      </dl>
      {chain && chain.breaks.length > 0 && (
        <ul role="alert">
          {chain.breaks.map((b) => (
            <li key={b.revision}>
              revision {b.revision}: {b.reason} — {b.detail}
            </li>
          ))}
        </ul>
      )}
      <h2>
        Timeline: <Fig k="lead.events" v={history.events.length} /> events
      </h2>
      <ol class="timeline">
        {history.events.map((e) => (
          <Event key={e.revision} entry={e} />
        ))}
      </ol>
    </>
  );
}

function ChainStatus({ chain }: { chain: ChainAnswer | null }) {
  if (!chain) return <dd>not checked</dd>;
  return (
    <dd
      data-figure="lead.chain.verified"
      data-value={String(chain.verified)}
      class={chain.verified ? 'ok' : 'broken'}
    >
      {chain.verified
        ? `verified (${chain.events} events)`
        : `broken at revision ${chain.breaks.map((b) => b.revision).join(', ')}`}
    </dd>
  );
}

function Event({ entry }: { entry: HistoryEntry }) {
  const { data, metadata } = entry;
  const reason = text(data.reason) ?? text(data.lostReason) ?? text(data.note);
  const stage = text(data.to) ?? text(data.stage);
  return (
    <li data-figure={`lead.event.${entry.revision}`} data-value={entry.type}>
      <time dateTime={metadata.occurredAt}>{new Date(metadata.occurredAt).toLocaleString()}</time>
      <strong>{entry.type}</strong>
      <span>by {metadata.actor}</span>
      {stage && <span>→ {stage}</span>}
      {reason && <span>reason: {reason}</span>}
    </li>
  );
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
