import { createReadStream, statSync } from 'node:fs';
import { Command } from 'commander';
import { parse } from 'csv-parse';
import { cliActor } from '../actor';
import { FindingError, UsageError } from '../errors';
import { outputOptions, print, type OutputOptions } from '../output/print';
import { progressBar } from '../output/progress';
import { formatNumber, table } from '../output/table';
import { withStores } from '../stores';
import { importFields, mapColumns, type ColumnMap } from './import-columns';
import { importRow, type Outcome, type Problem } from './import-lead';

interface ImportOptions extends OutputOptions {
  readonly map: string[];
  readonly source?: string;
  readonly dryRun?: boolean;
}

export function importCommand(): Command {
  return outputOptions(
    new Command('import')
      .summary("import leads from another CRM's CSV")
      .description(
        "Imports leads from another CRM's CSV export (header row first). Each row is captured at its creation " +
          'date and, when its stage says so, marked MQL or disqualified, in one append: a row is stored whole ' +
          'or not at all. Emails already known are skipped as duplicates; a second run changes nothing. Bad ' +
          'rows are reported with their line numbers and skipped (exit 1 when there were any). Personal ' +
          "fields are sealed with each lead's own key; the events name the operator as their actor, " +
          'cli:<os user>.',
      )
      .argument('<csv>', 'the CSV file')
      .option(
        '--map <field=Header>',
        `take a field from this column (repeatable); fields: ${importFields.join(', ')}`,
        (value: string, previous: string[]) => [...previous, value],
        [],
      )
      .option('--source <source>', 'source for rows that have none')
      .option('--dry-run', 'check every row and report, but append nothing'),
  ).action((file: string, options: ImportOptions) => importCsv(file, options));
}

async function importCsv(file: string, options: ImportOptions): Promise<void> {
  let size: number;
  try {
    size = statSync(file).size;
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  await withStores(async (stores) => {
    const target = { store: stores.eventStore, identity: await stores.identity() };
    const actor = cliActor();
    const counts: Record<Outcome, number> = { imported: 0, unchanged: 0, duplicate: 0, rejected: 0 };
    const problems: Problem[] = [];
    /** First line of each email in this file, to name the line a duplicate repeats. */
    const seen = new Map<string, number>();
    const bar = progressBar('import', { unit: 'rows', total: size, enabled: options.progress });
    const now = new Date();
    let columns: ColumnMap | undefined;
    let width = 0;
    let lines = 0;
    let empty = 0;
    let rows = 0;
    const parser = createReadStream(file).pipe(
      parse({ info: true, relax_column_count: true, skip_empty_lines: true, bom: true }),
    );
    try {
      for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: CsvInfo }>) {
        const line = lines + 1 + (info.empty_lines - empty);
        lines = info.lines;
        empty = info.empty_lines;
        if (!columns) {
          columns = mapColumns(record, options.map);
          width = record.length;
          continue;
        }
        rows++;
        const outcome = await importRow(target, record, {
          line,
          width,
          columns,
          seen,
          source: options.source,
          dryRun: options.dryRun,
          actor,
          now,
        });
        counts[outcome.outcome]++;
        if (outcome.outcome !== 'imported') problems.push(outcome);
        bar.update(info.bytes, rows);
      }
    } catch (error) {
      if (error instanceof UsageError) throw error;
      const code = (error as { code?: string }).code ?? '';
      if (!code.startsWith('CSV_')) throw error;
      // Malformed CSV (an unclosed quote…): what came before is imported, the rest cannot be read.
      throw new FindingError(
        `${file}: not valid CSV after line ${lines}: ${(error as Error).message}; rows before it were processed`,
      );
    } finally {
      bar.stop();
    }
    if (!columns) throw new UsageError(`${file} is empty: expected a header row`);
    const answer = { file, rows, dryRun: options.dryRun ?? false, ...counts, problems };
    print(options, answer, () => {
      const verb = options.dryRun ? 'would import' : 'imported';
      const summary =
        `${file}: ${formatNumber(rows)} rows — ${verb} ${formatNumber(counts.imported)}, ` +
        `unchanged ${formatNumber(counts.unchanged)} (imported before), duplicates ${formatNumber(counts.duplicate)}, ` +
        `rejected ${formatNumber(counts.rejected)}`;
      if (problems.length === 0) return summary;
      return `${summary}\n\n${table(
        ['line', 'outcome', 'email', 'reason'],
        problems.map((p) => [String(p.line), p.outcome, p.email, p.reason]),
      )}`;
    });
    if (counts.rejected > 0) process.exitCode = 1;
  });
}

interface CsvInfo {
  readonly lines: number;
  readonly empty_lines: number;
  readonly bytes: number;
}
