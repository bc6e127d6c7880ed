import { useState } from 'preact/hooks';
import {
  conversions,
  funnelStages,
  stageTimes,
  type FunnelAnswer,
  type FunnelFigures,
  type PartsAnswer,
} from '../answers';
import { BarsChart } from '../chart';
import { Fig } from '../figure';
import { FigCells, Head } from '../table';
import { Status } from '../status';
import { useApi } from '../use-api';

type GroupBy = 'source' | 'campaign' | 'cohort';

/** The funnel: its parts with their teams, reached and conversion by group, times, marketing vs sales. */
export function FunnelPage({ onSignedOut }: { onSignedOut: () => void }) {
  const [asOf, setAsOf] = useState('');
  const [groupBy, setGroupBy] = useState<GroupBy>('source');
  const at = asOf ? `asOf=${asOf}` : '';
  const loaded = useApi<[FunnelAnswer, PartsAnswer, FunnelAnswer]>([
    `/funnel?groupBy=${groupBy}${at && `&${at}`}`,
    `/funnel/parts${at && `?${at}`}`,
    `/funnel?groupBy=origin${at && `&${at}`}`,
  ]);
  return (
    <section aria-labelledby="funnel-title">
      <h1 id="funnel-title">Funnel</h1>
      <div class="controls">
        <label for="as-of">As of</label>
        <input
          id="as-of"
          type="date"
          value={asOf}
          onChange={(e) => setAsOf((e.target as HTMLInputElement).value)}
        />
        <label for="group-by">Split by</label>
        <select
          id="group-by"
          value={groupBy}
          onChange={(e) => setGroupBy((e.target as HTMLSelectElement).value as GroupBy)}
        >
          <option value="source">source</option>
          <option value="campaign">campaign</option>
          <option value="cohort">capture cohort</option>
        </select>
      </div>
      <Status loaded={loaded} onSignedOut={onSignedOut} />
      {loaded.data && <FunnelFiguresView answers={loaded.data} />}
    </section>
  );
}

function FunnelFiguresView({
  answers: [funnel, parts, origins],
}: {
  answers: [FunnelAnswer, PartsAnswer, FunnelAnswer];
}) {
  return (
    <>
      <p class="note">
        {funnel.asOf ? `As it stood on ${funnel.asOf}` : 'As of now'} · log position{' '}
        <Fig k="funnel.position" v={funnel.position} as="text" />
      </p>
      <h2>Parts and their teams</h2>
      <table>
        <caption>Leads in each part now, entries and how many moved on</caption>
        <Head titles={['Part', 'Team', 'Now', 'Entered', 'Moved on', 'Conversion', 'Median time']} />
        <tbody>
          {parts.parts.map((p) => (
            <tr key={p.name}>
              <th scope="row">{p.name}</th>
              <td>{p.team}</td>
              <FigCells
                k={`parts.${p.name}`}
                row={p}
                fields={['now', 'entered', 'movedOn', ['conversionToNext', 'ratio']]}
              />
              <td>
                <Fig k={`parts.${p.name}.time.medianMs`} v={p.time.medianMs} as="ms" />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Reached</h2>
      <div class="split">
        <BarsChart
          title="reached"
          bars={funnelStages.map((s) => ({ label: s.toUpperCase(), value: funnel.total.reached[s] }))}
        />
        <FiguresTable caption="All leads" prefix="funnel.total" figures={funnel.total} />
      </div>
      <h2>By group</h2>
      <GroupsTable prefix="funnel.groups" groups={funnel.groups ?? []} />
      <h2>Marketing- vs sales-sourced</h2>
      <GroupsTable prefix="funnel.origin" groups={origins.groups ?? []} />
      <h2>Time between stages</h2>
      <table>
        <caption>From each lead's first entry (median and 90th percentile)</caption>
        <Head titles={['Step', 'Leads', 'Median', 'p90']} />
        <tbody>
          {stageTimes.map((t) => (
            <tr key={t}>
              <th scope="row">{t}</th>
              <FigCells
                k={`funnel.times.${t}`}
                row={funnel.total.times[t]}
                fields={['count', ['medianMs', 'ms'], ['p90Ms', 'ms']]}
              />
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function FiguresTable({
  caption,
  prefix,
  figures,
}: {
  caption: string;
  prefix: string;
  figures: FunnelFigures;
}) {
  return (
    <table>
      <caption>{caption}</caption>
      <Head titles={['Stage', 'Reached']} />
      <tbody>
        {funnelStages.map((s) => (
          <tr key={s}>
            <th scope="row">{s.toUpperCase()}</th>
            <td>
              <Fig k={`${prefix}.reached.${s}`} v={figures.reached[s]} />
            </td>
          </tr>
        ))}
        {conversions.map((c) => (
          <tr key={c}>
            <th scope="row">{c}</th>
            <td>
              <Fig k={`${prefix}.conversion.${c}`} v={figures.conversion[c]} as="ratio" />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function GroupsTable({ prefix, groups }: { prefix: string; groups: FunnelAnswer['groups'] & object }) {
  if (groups.length === 0) return <p>No leads yet.</p>;
  return (
    <div class="scroll" tabIndex={0} role="region" aria-label={`${prefix} table`}>
      <table>
        <thead>
          <tr>
            <th scope="col">Group</th>
            {funnelStages.map((s) => (
              <th scope="col" key={s}>
                {s.toUpperCase()}
              </th>
            ))}
            <th scope="col">Lead → won</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => {
            const key = g.key ?? '(none)';
            return (
              <tr key={key}>
                <th scope="row">{key}</th>
                {funnelStages.map((s) => (
                  <td key={s}>
                    <Fig k={`${prefix}.${key}.reached.${s}`} v={g.figures.reached[s]} />
                  </td>
                ))}
                <td>
                  <Fig
                    k={`${prefix}.${key}.conversion.leadToWon`}
                    v={g.figures.conversion.leadToWon}
                    as="ratio"
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
