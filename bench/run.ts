// `npm run bench`: measures Leadger against baselines taken in the same run on the same machine, prints a
// table and writes bench/results.json. `--quick` runs small sizes (a smoke run); `--only a,b` picks sections,
// whose rows then replace theirs in bench/results.json while the other sections' rows stay (each row says
// when it was measured; its baseline is always from its own run).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { commandsBench } from './commands.bench';
import { httpBench } from './http.bench';
import { operationsBench } from './operations.bench';
import { policiesBench } from './policies.bench';
import { readModelsBench } from './read-models.bench';
import { scaleOutBench } from './scale-out.bench';
import { table, type Figure } from './support/figures';
import { progress } from './support/timing';

interface Sizes {
  readonly commands: number;
  readonly httpSeconds: number;
  /** Events in the seeded log the read-model sections replay. */
  readonly events: number;
}

const full: Sizes = { commands: 20_000, httpSeconds: 10, events: 1_000_000 };
const quick: Sizes = { commands: 2_000, httpSeconds: 2, events: 50_000 };

const sections: Record<string, (sizes: Sizes) => Promise<Figure[]>> = {
  commands: (sizes) => commandsBench({ commands: sizes.commands }),
  http: (sizes) => httpBench({ seconds: sizes.httpSeconds }),
  'read-models': (sizes) => readModelsBench({ events: sizes.events }),
  policies: (sizes) => policiesBench({ seconds: sizes.httpSeconds }),
  operations: (sizes) => operationsBench({ seconds: sizes.httpSeconds }),
  'scale-out': (sizes) => scaleOutBench({ seconds: sizes.httpSeconds }),
};

const usage = `usage: npm run bench -- [--quick] [--only ${Object.keys(sections).join(',')}]

  --quick        small sizes: a smoke run in well under a minute, figures not comparable
  --only <list>  run only these sections (comma-separated)
  --help         this text`;

async function main(argv: readonly string[]): Promise<void> {
  if (argv.includes('--help')) return void console.log(usage);
  const unknown = argv.filter((arg, i) => !['--quick', '--only'].includes(arg) && argv[i - 1] !== '--only');
  const only = argv.includes('--only')
    ? (argv[argv.indexOf('--only') + 1]?.split(',') ?? [])
    : Object.keys(sections);
  const bad = only.filter((name) => !(name in sections));
  if (unknown.length > 0 || bad.length > 0 || only.length === 0) {
    console.error(`unknown ${[...unknown, ...bad].join(', ') || 'section list'}\n\n${usage}`);
    process.exitCode = 2;
    return;
  }
  const quickRun = argv.includes('--quick');
  const sizes = quickRun ? quick : full;
  const at = new Date().toISOString();
  const figures: SavedFigure[] = [];
  for (const name of only) {
    progress(`section ${name}`);
    figures.push(...(await sections[name](sizes)).map((figure) => ({ ...figure, section: name, at })));
  }
  const machine = {
    cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
  console.log(
    `Leadger benchmark — ${at} — ${machine.cpus}, ${machine.memoryGiB} GiB, Node ${machine.node}${quickRun ? ' — QUICK (smoke sizes)' : ''}\n`,
  );
  console.log(table(figures));
  // A smoke run never mixes with full-size rows; a full run of some sections keeps the others' rows.
  const kept = quickRun ? [] : savedFigures().filter((figure) => !only.includes(figure.section));
  const results = { at, quick: quickRun, machine, sizes, figures: [...kept, ...figures] };
  writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
}

/** A row as bench/results.json keeps it: with the section that measured it, and when. */
type SavedFigure = Figure & { readonly section: string; readonly at: string };

const RESULTS = join(__dirname, 'results.json');

/** The rows of the last full-size results, if any. */
function savedFigures(): SavedFigure[] {
  if (!existsSync(RESULTS)) return [];
  const saved = JSON.parse(readFileSync(RESULTS, 'utf8')) as { quick: boolean; figures: SavedFigure[] };
  return saved.quick ? [] : saved.figures;
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
