import { SingleBar } from 'cli-progress';
import { diagnostics } from './diagnostics';

/** A long job's progress: `update` with how far it got (in the bar's unit) and how many items so far. */
export interface Progress {
  update(value: number, items: number): void;
  stop(): void;
}

const silent: Progress = { update: () => undefined, stop: () => undefined };

export interface ProgressOptions {
  /** What is counted, plural: "events", "leads", "rows". */
  readonly unit: string;
  /** Where the job ends, in the unit of `update`'s value ($all position, bytes, leads). */
  readonly total: number;
  /** `--progress` (true), `--no-progress` (false), or neither: shown only when stderr is a terminal. */
  readonly enabled: boolean | undefined;
}

/**
 * A long job's progress on stderr, so stdout stays clean for data (`export` pipes events to it). Off unless
 * stderr is a terminal or `--progress` asks for it: a bar with the rate and the time left on a terminal;
 * elsewhere (a file, a log collector) a diagnostics line every second and one at the end.
 */
export function progressBar(label: string, options: ProgressOptions): Progress {
  const tty = process.stderr.isTTY === true;
  if (!(options.enabled ?? tty)) return silent;
  return tty ? terminalBar(label, options) : progressLines(label, options);
}

const perSecond = (items: number, started: number): number => {
  const seconds = (Date.now() - started) / 1000;
  return seconds > 0 ? Math.round(items / seconds) : 0;
};

function terminalBar(label: string, options: ProgressOptions): Progress {
  const started = Date.now();
  const bar = new SingleBar({
    stream: process.stderr,
    format: `${label} [{bar}] {percentage}% | {items} ${options.unit} | {rate} ${options.unit}/s | ETA {eta_formatted}`,
    barsize: 30,
    hideCursor: true,
    etaBuffer: 50,
    fps: 5,
    formatValue: (value, _options, type) =>
      type === 'percentage' ? String(value).padStart(3) : String(value),
  });
  bar.start(Math.max(options.total, 1), 0, { items: '0', rate: '0' });
  return {
    update(value, items) {
      bar.update(Math.min(value, Math.max(options.total, 1)), {
        items: items.toLocaleString('en-US'),
        rate: perSecond(items, started).toLocaleString('en-US'),
      });
    },
    stop() {
      bar.stop();
    },
  };
}

function progressLines(label: string, options: ProgressOptions): Progress {
  const started = Date.now();
  let said = started;
  let done = 0;
  let items = 0;
  const say = () =>
    diagnostics().info(
      { job: label, done, total: options.total, [options.unit]: items, perSecond: perSecond(items, started) },
      'progress',
    );
  return {
    update(value, count) {
      done = value;
      items = count;
      if (Date.now() - said < 1000) return;
      said = Date.now();
      say();
    },
    stop: say,
  };
}
