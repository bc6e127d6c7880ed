import type { QueueAnswer, QueueItem } from '../answers';
import { Fig } from '../figure';
import { Head } from '../table';
import { Status } from '../status';
import { useApi } from '../use-api';

/** The recycle-to-nurture and customer-nurture queues, due first (the order the API gives). */
export function NurturePage({ onSignedOut }: { onSignedOut: () => void }) {
  const loaded = useApi<[QueueAnswer, QueueAnswer]>(['/nurture?limit=200', '/customer-nurture?limit=200']);
  return (
    <section aria-labelledby="nurture-title">
      <h1 id="nurture-title">Nurture</h1>
      <Status loaded={loaded} onSignedOut={onSignedOut} />
      {loaded.data && (
        <>
          <Queue
            title="Recycled to nurture"
            k="nurture"
            items={loaded.data[0].items}
            detail={(i) => i.originLabel ?? ''}
          />
          <Queue
            title="Customer nurture"
            k="customerNurture"
            items={loaded.data[1].items}
            detail={(i) => `${i.program ?? ''} · ${i.owner ?? 'no owner'}`}
          />
        </>
      )}
    </section>
  );
}

function Queue({
  title,
  k,
  items,
  detail,
}: {
  title: string;
  k: string;
  items: readonly QueueItem[];
  detail: (item: QueueItem) => string;
}) {
  const now = Date.now();
  return (
    <>
      <h2>
        {title}: <Fig k={`${k}.count`} v={items.length} />
      </h2>
      <div class="scroll" tabIndex={0} role="region" aria-label={title}>
        <table>
          <Head titles={['Revisit', 'Lead', 'Source', 'Why']} />
          <tbody>
            {items.map((i) => (
              <tr key={i.leadId}>
                <td>
                  {new Date(i.revisitAt).toLocaleString()}{' '}
                  {Date.parse(i.revisitAt) <= now && <strong>due</strong>}
                </td>
                <td>
                  <a href={`#/leads/${i.leadId}`}>{i.leadId.slice(0, 8)}</a>
                </td>
                <td>{i.source ?? '—'}</td>
                <td>{detail(i)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
