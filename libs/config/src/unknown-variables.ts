import { knownVariables, movedVariables, settings } from './leadger-config';

/** Every variable of ours starts so; any other of that shape is a typo or a setting that does not exist. */
const OURS = 'LEADGER_';

/**
 * A warning per `LEADGER_*` variable no setting reads, naming the known one it is closest to: a misspelt
 * variable is otherwise silently ignored and its setting keeps its default (`LEADGER_DATADIR` → `./data`).
 * A variable whose setting moved to the policies file is named with the rule that holds it now. Only our
 * prefix is checked: the environment is full of other programs' variables.
 */
export function unknownVariableWarnings(env: NodeJS.ProcessEnv): string[] {
  return Object.keys(env)
    .filter((name) => name.startsWith(OURS) && !knownVariables.includes(name))
    .sort()
    .map((name) => {
      const rule = movedVariables[name];
      if (rule)
        return `${name} is no longer read: it moved to the policies file as ${rule} (LEADGER_POLICIES, default ${settings.policiesFile.default})`;
      const near = closest(name);
      return near
        ? `unknown variable ${name}; did you mean ${near}?`
        : `unknown variable ${name}; it is not a Leadger setting (see the README, Configuration)`;
    });
}

/** The known variable fewest edits away, when it is close enough to be the one meant. */
function closest(name: string): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const known of knownVariables) {
    const distance = editDistance(name, known);
    if (!best || distance < best.distance) best = { name: known, distance };
  }
  // Up to a quarter of the name (at least two edits): a dropped `_`, a missing `_MS`, a swapped letter.
  return best && best.distance <= Math.max(2, Math.floor(name.length / 4)) ? best.name : undefined;
}

/** Levenshtein distance: insertions, deletions and substitutions, one row at a time. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[b.length];
}
