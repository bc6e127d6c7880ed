import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { httpClient } from './http-client';

// The real programs in child processes, run from the TypeScript sources as `node -r register-ts.js`.

const ROOT = resolve(__dirname, '../../..');
export const API_MAIN = 'apps/api/src/main.ts';
export const PROJECTOR_MAIN = 'apps/projector/src/main.ts';

export interface Program {
  readonly child: ChildProcess;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves with how it ended. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `main` (a path from the repository root) with `env` over this process's environment. */
export function startProgram(main: string, env: Readonly<Record<string, string>>): Program {
  const child = spawn(process.execPath, ['-r', './test/support/register-ts.js', main], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  return { child, output: () => output, exited };
}

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

/** Starts the API on `port` and resolves once GET /health answers 200; fails if it exits first. */
export async function startApi(port: number, env: Readonly<Record<string, string>>): Promise<Program> {
  const api = startProgram(API_MAIN, { ...env, PORT: String(port), HOST: '127.0.0.1' });
  const client = httpClient(port, 1);
  let ended = false;
  void api.exited.then(() => (ended = true));
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (ended) throw new Error(`the API exited while starting:\n${api.output()}`);
      if (Date.now() > deadline) throw new Error(`the API did not start in time:\n${api.output()}`);
      const health = await client.get('/health').catch(() => undefined);
      if (health?.status === 200) return api;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } catch (error) {
    api.child.kill('SIGKILL');
    throw error;
  } finally {
    client.close();
  }
}
