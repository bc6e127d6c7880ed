import type { OpenFigures, PipelineAnswer, PipelineFigures } from '../answers';
import { BarsChart } from '../chart';
import { Fig } from '../figure';
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
            <thead>
              <tr>
                <th scope="col">Segment</th>
                <th scope="col">Open</th>
                <th scope="col">Weighted</th>
                <th scope="col">Won</th>
                <th scope="col">Lost</th>
                <th scope="col">Win rate</th>
              </tr>
            </thead>
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
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Count</th>
          <th scope="col">Amount</th>
          <th scope="col">Weighted</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([name, f]) => (
          <tr key={name}>
            <th scope="row">{name}</th>
            <td>
              <Fig k={`${prefix}.${name}.count`} v={f.count} />
            </td>
            <td>
              <Fig k={`${prefix}.${name}.amount`} v={f.amount} as="money" />
            </td>
            <td>
              <Fig k={`${prefix}.${name}.weightedAmount`} v={f.weightedAmount} as="money" />
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">Total</th>
          <td>
            <Fig k={`${prefix}.total.count`} v={total.count} />
          </td>
          <td>
            <Fig k={`${prefix}.total.amount`} v={total.amount} as="money" />
          </td>
          <td>
            <Fig k={`${prefix}.total.weightedAmount`} v={total.weightedAmount} as="money" />
          </td>
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
        <thead>
          <tr>
            <th scope="col">Reason</th>
            <th scope="col">Deals</th>
            <th scope="col">Amount</th>
          </tr>
        </thead>
        <tbody>
          {closed.lostByReason.map((r) => (
            <tr key={r.reason}>
              <th scope="row">{r.reason}</th>
              <td>
                <Fig k={`${prefix}.lostByReason.${r.reason}.count`} v={r.count} />
              </td>
              <td>
                <Fig k={`${prefix}.lostByReason.${r.reason}.amount`} v={r.amount} as="money" />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <table>
        <caption>Lost from stage</caption>
        <thead>
          <tr>
            <th scope="col">Stage</th>
            <th scope="col">Deals</th>
            <th scope="col">Amount</th>
          </tr>
        </thead>
        <tbody>
          {closed.lostByStage.map((s) => (
            <tr key={s.stage}>
              <th scope="row">{s.stage}</th>
              <td>
                <Fig k={`${prefix}.lostByStage.${s.stage}.count`} v={s.count} />
              </td>
              <td>
                <Fig k={`${prefix}.lostByStage.${s.stage}.amount`} v={s.amount} as="money" />
              </td>
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
