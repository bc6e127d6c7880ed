import { killProgram, type Program } from '../../support/processes';

export interface KillLoop {
  /** The program running now, if any: the last one is left running when the loop stops. */
  current(): Program | undefined;
  /** Starts no more and resolves once the loop is done: how many were killed, and what went wrong. */
  stop(): Promise<{ readonly kills: number; readonly failures: readonly string[] }>;
}

/**
 * Starts the program, lets it live `lifetime()` ms, kills it with SIGKILL and starts the next at once, until
 * stopped. A program that ends by itself is a failure (it crashed, or refused to start): the loop says so
 * with its output and stops.
 */
export function killAgainAndAgain(start: () => Program, lifetime: () => number): KillLoop {
  let running = true;
  let kills = 0;
  let program: Program | undefined;
  const failures: string[] = [];
  const loop = (async () => {
    while (running) {
      program = start();
      await Promise.race([new Promise((resolve) => setTimeout(resolve, lifetime())), program.exited]);
      if (!running) break;
      const ended = await killProgram(program);
      if (ended.signal !== 'SIGKILL') {
        failures.push(`the program exited by itself (${JSON.stringify(ended)}):\n${program.output()}`);
        break;
      }
      kills++;
    }
  })();
  return {
    current: () => program,
    stop: async () => {
      running = false;
      await loop;
      return { kills, failures };
    },
  };
}
