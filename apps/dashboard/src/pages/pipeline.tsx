import type { OpenFigures, PipelineAnswer, PipelineFigures } from '../answers';
import { BarsChart } from '../chart';
import { Fig } from '../figure';
import { FigCells, Head } from '../table';
import { Status } from '../status';
import { useApi } from '../use-api';

/** Open deals by stage and owner (count, amount, weighted), won and lost, why and where lost, the cycle. */
export function PipelinePage({ onSignedOut }: { onSignedOut: () => void }) {
  const loaded = useApi<[PipelineAnswer]>(['/pipeline']);
  const pipeline = loaded.data?.[0];
  return (
    <section aria-labelledby="pipeline-title">
      <h1 id="pipeline-title">Pipeline</h1>
      <Status loaded={loaded} onSignedOut={onSignedOut} />
      {pipeline && (
        <>
          <h2>Open by stage</h2>
          <div class="split">
            <BarsChart
              title="weighted"
              bars={pipeline.open.byStage.map((s) => ({ label: s.stage, value: s.weightedAmount }))}
            />
            <OpenTable
              prefix="pipeline.open.stage"
              rows={pipeline.open.byStage.map((s) => [s.stage, s])}
              total={pipeline.open.total}
            />
          </div>
          <h2>Open by owner</h2>
          <OpenTable
            prefix="pipeline.open.owner"
            rows={pipeline.open.byOwner.map((o) => [o.owner, o])}
            total={pipeline.open.total}
          />
          <h2>Closed</h2>
          <Closed prefix="pipeline.closed" figures={pipeline} />
          <h2>New business vs expansion</h2>
          <table>
            <Head titles={['Segment', 'Open', 'Weighted', 'Won', 'Lost', 'Win rate']} />
            <tbody>
              {(['newBusiness', 'expansion'] as const).map((segment) => (
                <Segment key={segment} name={segment} figures={pipeline[segment]} />
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

const OPEN_FIELDS = ['count', ['amount', 'money'], ['weightedAmount', 'money']] as const;

function OpenTable({
  prefix,
  rows,
  total,
}: {
  prefix: string;
  rows: [string, OpenFigures][];
  total: OpenFigures;
}) {
  return (
    <table>
      <Head titles={['Name', 'Count', 'Amount', 'Weighted']} />
      <tbody>
        {rows.map(([name, f]) => (
          <tr key={name}>
            <th scope="row">{name}</th>
            <FigCells k={`${prefix}.${name}`} row={f} fields={OPEN_FIELDS} />
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">Total</th>
          <FigCells k={`${prefix}.total`} row={total} fields={OPEN_FIELDS} />
        </tr>
      </tfoot>
    </table>
  );
}

function Closed({ prefix, figures: { closed } }: { prefix: string; figures: PipelineFigures }) {
  return (
    <>
      <dl class="tiles">
        <div>
          <dt>Won</dt>
          <dd>
            <Fig k={`${prefix}.won.count`} v={closed.won.count} /> ·{' '}
            <Fig k={`${prefix}.won.amount`} v={closed.won.amount} as="money" />
          </dd>
        </div>
        <div>
          <dt>Lost</dt>
          <dd>
            <Fig k={`${prefix}.lost.count`} v={closed.lost.count} /> ·{' '}
            <Fig k={`${prefix}.lost.amount`} v={closed.lost.amount} as="money" />
          </dd>
        </div>
        <div>
          <dt>Win rate</dt>
          <dd>
            <Fig k={`${prefix}.winRate`} v={closed.winRate} as="ratio" />
          </dd>
        </div>
        <div>
          <dt>Sales cycle (median)</dt>
          <dd>
            <Fig k={`${prefix}.salesCycle.medianMs`} v={closed.salesCycle.medianMs} as="ms" />
          </dd>
        </div>
      </dl>
      <table>
        <caption>Lost reasons</caption>
        <Head titles={['Reason', 'Deals', 'Amount']} />
        <tbody>
          {closed.lostByReason.map((r) => (
            <tr key={r.reason}>
              <th scope="row">{r.reason}</th>
              <FigCells
                k={`${prefix}.lostByReason.${r.reason}`}
                row={r}
                fields={['count', ['amount', 'money']]}
              />
            </tr>
          ))}
        </tbody>
      </table>
      <table>
        <caption>Lost from stage</caption>
        <Head titles={['Stage', 'Deals', 'Amount']} />
        <tbody>
          {closed.lostByStage.map((s) => (
            <tr key={s.stage}>
              <th scope="row">{s.stage}</th>
              <FigCells
                k={`${prefix}.lostByStage.${s.stage}`}
                row={s}
                fields={['count', ['amount', 'money']]}
              />
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function Segment({ name, figures }: { name: string; figures: PipelineFigures }) {
  const k = `pipeline.${name}`;
  return (
    <tr>
      <th scope="row">{name === 'newBusiness' ? 'new business' : 'expansion'}</th>
      <td>
        <Fig k={`${k}.open.count`} v={figures.open.total.count} />
      </td>
      <td>
        <Fig k={`${k}.open.weightedAmount`} v={figures.open.total.weightedAmount} as="money" />
      </td>
      <td>
        <Fig k={`${k}.won.count`} v={figures.closed.won.count} />
      </td>
      <td>
        <Fig k={`${k}.lost.count`} v={figures.closed.lost.count} />
      </td>
      <td>
        <Fig k={`${k}.winRate`} v={figures.closed.winRate} as="ratio" />
      </td>
    </tr>
  );
}
