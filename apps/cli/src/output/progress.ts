import { SingleBar } from 'cli-progress';

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
 * A progress bar on stderr with the rate and the time left, so stdout stays clean for data (`export`
 * pipes events to it). Off unless stderr is a terminal or `--progress` asks for it; when forced on a
 * non-terminal it prints a line every second instead of redrawing.
 */
export function progressBar(label: string, options: ProgressOptions): Progress {
  const tty = process.stderr.isTTY === true;
  if (!(options.enabled ?? tty)) return silent;
  const started = Date.now();
  const bar = new SingleBar({
    stream: process.stderr,
    format: `${label} [{bar}] {percentage}% | {items} ${options.unit} | {rate} ${options.unit}/s | ETA {eta_formatted}`,
    barsize: 30,
    hideCursor: tty,
    noTTYOutput: !tty,
    notTTYSchedule: 1000,
    etaBuffer: 50,
    fps: 5,
    formatValue: (value, _options, type) =>
      type === 'percentage' ? String(value).padStart(3) : String(value),
  });
  bar.start(Math.max(options.total, 1), 0, { items: '0', rate: '0' });
  return {
    update(value, items) {
      const seconds = (Date.now() - started) / 1000;
      const rate = seconds > 0 ? Math.round(items / seconds) : 0;
      bar.update(Math.min(value, Math.max(options.total, 1)), {
        items: items.toLocaleString('en-US'),
        rate: rate.toLocaleString('en-US'),
      });
    },
    stop() {
      bar.stop();
    },
  };
}
