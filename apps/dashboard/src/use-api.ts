import { useEffect, useState } from 'preact/hooks';
import { getJson } from './api';

/** How often a page re-reads its figures, so they follow new events without a reload. */
export const LIVE_EVERY_MS = 5000;

export interface Loaded<T> {
  readonly data: T | null;
  readonly error: Error | null;
}

/**
 * Reads the given paths (all together, so a page's figures come from one moment) and again every
 * LIVE_EVERY_MS; a new list of paths (a new as-of date) reads at once.
 */
export function useApi<T extends readonly unknown[]>(paths: readonly string[]): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>({ data: null, error: null });
  const key = paths.join('\n');
  useEffect(() => {
    let live = true;
    setState({ data: null, error: null });
    const load = () =>
      Promise.all(paths.map((path) => getJson<unknown>(path))).then(
        (answers) => live && setState({ data: answers as unknown as T, error: null }),
        (error: Error) => live && setState((was) => ({ data: was.data, error })),
      );
    void load();
    const timer = setInterval(() => void load(), LIVE_EVERY_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
    // The paths' text is their identity; a new array with the same paths is the same request.
  }, [key]);
  return state;
}
