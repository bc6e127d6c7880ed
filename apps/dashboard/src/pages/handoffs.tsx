import type { HandoffsAnswer, HandoffsSummary } from '../answers';
import { Fig } from '../figure';
import { FigCells, Head } from '../table';
import { Status } from '../status';
import { useApi } from '../use-api';

/** The SLA board: pending handoffs by owner with time left or overdue; per owner and per source figures. */
export function HandoffsPage({ onSignedOut }: { onSignedOut: () => void }) {
  const loaded = useApi<[HandoffsAnswer, HandoffsSummary]>([
    '/handoffs?status=pending&limit=200',
    '/handoffs/summary',
  ]);
  return (
    <section aria-labelledby="handoffs-title">
      <h1 id="handoffs-title">Handoffs</h1>
      <Status loaded={loaded} onSignedOut={onSignedOut} />
      {loaded.data && <Board pending={loaded.data[0]} summary={loaded.data[1]} />}
    </section>
  );
}

function Board({ pending, summary }: { pending: HandoffsAnswer; summary: HandoffsSummary }) {
  const now = Date.now();
  const byDue = [...pending.items].sort((a, b) => due(a.slaDueAt) - due(b.slaDueAt));
  return (
    <>
      <h2>Pending, soonest due first</h2>
      <div class="scroll" tabIndex={0} role="region" aria-label="Pending handoffs">
        <table>
          <Head titles={['Owner', 'Lead', 'Source', 'Handed', 'Time left']} />
          <tbody>
            {byDue.map((h) => {
              const left = h.slaDueAt ? Date.parse(h.slaDueAt) - now : null;
              return (
                <tr key={h.id} class={h.breached ? 'overdue' : ''}>
                  <th scope="row">{h.to}</th>
                  <td>
                    <a href={`#/leads/${h.leadId}`}>{h.leadId.slice(0, 8)}</a>
                  </td>
                  <td>{h.source ?? '—'}</td>
                  <td>{new Date(h.at).toLocaleString()}</td>
                  <td>
                    {left === null ? (
                      'no SLA'
                    ) : h.breached ? (
                      <strong>overdue</strong>
                    ) : (
                      `${Math.round(left / 60000)} min left`
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <h2>By owner</h2>
      <div class="scroll" tabIndex={0} role="region" aria-label="Handoffs by owner">
        <table>
          <Head
            titles={[
              'Owner',
              'Pending',
              'Accepted',
              'Rejected',
              'Reassigned',
              'Breaches',
              'Median time to decision',
            ]}
          />
          <tbody>
            {summary.owners.map((o) => (
              <tr key={o.owner}>
                <th scope="row">{o.owner}</th>
                <FigCells
                  k={`handoffs.owner.${o.owner}`}
                  row={o}
                  fields={[
                    'pending',
                    'accepted',
                    'rejected',
                    'reassigned',
                    'breaches',
                    ['medianTimeToDecisionMs', 'ms'],
                  ]}
                />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Rejections by source</h2>
      <table>
        <Head titles={['Source', 'Accepted', 'Rejected', 'Rejection rate', 'Reasons']} />
        <tbody>
          {summary.sources.map((s) => {
            const k = `handoffs.source.${s.source}`;
            return (
              <tr key={s.source}>
                <th scope="row">{s.source}</th>
                <FigCells k={k} row={s} fields={['accepted', 'rejected', ['rejectionRate', 'ratio']]} />
                <td>
                  {s.rejectionReasons.map((r) => (
                    <span key={r.reason} class="reason">
                      {r.reason}: <Fig k={`${k}.reason.${r.reason}`} v={r.count} />
                    </span>
                  ))}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}

const due = (at: string | null) => (at ? Date.parse(at) : Number.POSITIVE_INFINITY);
