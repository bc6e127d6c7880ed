import { Command, Option } from 'commander';
import { stages } from '@leadger/lead-domain';
import { leadIndex, type LeadIndexAnswer, type LeadIndexQuery } from '@leadger/projections';
import { day, wholeNumber } from '../options';
import { outputOptions, print, type OutputOptions } from '../output/print';
import { table } from '../output/table';
import { readOnly, withStores } from '../stores';

interface LeadsOptions extends OutputOptions {
  readonly email?: string;
  readonly owner?: string;
  readonly stage?: string;
  readonly source?: string;
  readonly capturedFrom?: string;
  readonly capturedTo?: string;
  readonly limit?: number;
  readonly cursor?: string;
}

export function leadsCommand(): Command {
  const command = new Command('leads')
    .summary('find leads by email, owner, stage, source or capture day')
    .description(
      'Finds leads in the lead index, newest capture first, as GET /leads does: by email (through the ' +
        'blind index: an erased lead is no longer found), owner, stage, source and capture days, combined. ' +
        'It shows no personal field: `leadger audit <lead>` opens one lead.',
    )
    .option('--email <email>', 'the lead of this email')
    .option('--owner <owner>', 'only leads handed or owned to this owner')
    .addOption(new Option('--stage <stage>', 'only leads in this stage now').choices(stages))
    .option('--source <source>', 'only leads captured from this source')
    .option('--captured-from <day>', 'first capture day (UTC), inclusive', day)
    .option('--captured-to <day>', 'last capture day (UTC), inclusive', day)
    .option('--limit <n>', 'leads per page, 1 to 500 (default 50)', wholeNumber(1, 500))
    .option('--cursor <cursor>', 'the next-page cursor a previous run printed');
  return outputOptions(command, false).action((options: LeadsOptions) => run(options));
}

async function run(options: LeadsOptions): Promise<void> {
  const { email, json: _json, ...filters } = options;
  await withStores(async (stores) => {
    // The address goes no further than the blind index: only the lead id it names reaches the query.
    const query: LeadIndexQuery =
      email === undefined
        ? filters
        : { ...filters, leadId: await (await stores.identity()).directory.find(email) };
    const answer = await leadIndex(stores.readStore, query);
    print(options, answer, () => human(answer));
  }, readOnly);
}

function human(answer: LeadIndexAnswer): string {
  const rows = answer.items.map((item) => [
    item.leadId,
    item.opportunityStage ? `${item.stage}/${item.opportunityStage}` : item.stage,
    item.owner,
    item.source,
    item.campaign,
    item.capturedAt,
    item.score,
    item.erased ? 'erased' : '',
  ]);
  return [
    `Leads — live read model at ${answer.position === null ? 'no events' : `position ${answer.position}`}`,
    '',
    table(['lead', 'stage', 'owner', 'source', 'campaign', 'captured', 'score', ''], rows),
    ...(answer.nextCursor ? ['', `more: --cursor ${answer.nextCursor}`] : []),
  ].join('\n');
}
