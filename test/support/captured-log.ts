import type { DestinationStream } from '@leadger/logging';

/** A log line as the programs write it: one JSON object. */
export type LogLine = Readonly<Record<string, unknown>>;

/** A log destination kept in memory: what a program would have written to stdout, to read back in a test. */
export interface CapturedLog extends DestinationStream {
  /** Everything written so far, exactly as written. */
  text(): string;
  /** Each line parsed; throws if one is not a JSON object on a line of its own. */
  lines(): LogLine[];
}

export function capturedLog(): CapturedLog {
  let text = '';
  return {
    write: (chunk: string) => void (text += chunk),
    text: () => text,
    lines: () =>
      text
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as LogLine),
  };
}
