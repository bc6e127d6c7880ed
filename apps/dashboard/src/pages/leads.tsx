import { useState } from 'preact/hooks';
import type { LeadIndexAnswer } from '../answers';
import { Fig } from '../figure';
import { Head } from '../table';
import { Status } from '../status';
import { useApi } from '../use-api';

const fields = ['email', 'owner', 'stage', 'source'] as const;
type Search = Partial<Record<(typeof fields)[number], string>>;

/** Lead search over the lead index; a row opens the lead's timeline. */
export function LeadsPage({ onSignedOut }: { onSignedOut: () => void }) {
  const [search, setSearch] = useState<Search>({});
  const query = fields
    .filter((f) => search[f])
    .map((f) => `${f}=${encodeURIComponent(search[f] ?? '')}`)
    .join('&');
  const loaded = useApi<[LeadIndexAnswer]>([`/leads?limit=100${query && `&${query}`}`]);
  const submit = (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    setSearch(Object.fromEntries(fields.map((f) => [f, String(form.get(f) ?? '').trim()])));
  };
  return (
    <section aria-labelledby="leads-title">
      <h1 id="leads-title">Leads</h1>
      <form class="controls" role="search" onSubmit={submit}>
        {fields.map((f) => (
          <span key={f}>
            <label for={`search-${f}`}>{f}</label>
            <input id={`search-${f}`} name={f} defaultValue={search[f] ?? ''} />
          </span>
        ))}
        <button type="submit">Search</button>
      </form>
      <Status loaded={loaded} onSignedOut={onSignedOut} />
      {loaded.data && (
        <div class="scroll" tabIndex={0} role="region" aria-label="Leads found">
          <table>
            <caption>
              <Fig k="leads.count" v={loaded.data[0].items.length} /> leads
            </caption>
            <Head titles={['Lead', 'Stage', 'Owner', 'Source', 'Score', 'Last event']} />
            <tbody>
              {loaded.data[0].items.map((l) => (
                <tr key={l.leadId}>
                  <th scope="row">
                    <a href={`#/leads/${l.leadId}`}>{l.leadId.slice(0, 8)}</a>
                    {l.erased && ' (erased)'}
                  </th>
                  <td data-figure={`leads.${l.leadId}.stage`} data-value={l.stage}>
                    {l.stage}
                  </td>
                  <td>{l.owner ?? '—'}</td>
                  <td>{l.source}</td>
                  <td>
                    <Fig k={`leads.${l.leadId}.score`} v={l.score} />
                  </td>
                  <td>{new Date(l.lastEventAt).toLocaleString()}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
