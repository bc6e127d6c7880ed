// `npm run bench`: measures Leadger against baselines taken in the same run on the same machine, prints a
// table and writes bench/results.json. `--quick` runs small sizes (a smoke run); `--only a,b` picks sections.
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { commandsBench } from './commands.bench';
import { httpBench } from './http.bench';
import { operationsBench } from './operations.bench';
import { policiesBench } from './policies.bench';
import { readModelsBench } from './read-models.bench';
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
  const sizes = argv.includes('--quick') ? quick : full;
  const figures: Figure[] = [];
  for (const name of only) {
    progress(`section ${name}`);
    figures.push(...(await sections[name](sizes)));
  }
  const machine = {
    cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
  console.log(
    `Leadger benchmark — ${new Date().toISOString()} — ${machine.cpus}, ${machine.memoryGiB} GiB, Node ${machine.node}${argv.includes('--quick') ? ' — QUICK (smoke sizes)' : ''}\n`,
  );
  console.log(table(figures));
  const results = { at: new Date().toISOString(), quick: argv.includes('--quick'), machine, sizes, figures };
  writeFileSync(join(__dirname, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
