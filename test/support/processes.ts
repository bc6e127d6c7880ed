import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

// The real programs in child processes, run from the TypeScript sources as `node -r register-ts.js`.

const ROOT = resolve(__dirname, '../..');
export const API_MAIN = 'apps/api/src/main.ts';
export const WORKER_MAIN = 'apps/worker/src/main.ts';

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

/**
 * Starts `main`, an HTTP server, on `port` and resolves once GET `probe` answers 200 (default `/health`: the
 * stores and the projector are ready); fails if it exits first.
 */
export async function startServer(
  main: string,
  port: number,
  env: Readonly<Record<string, string>>,
  probe = '/health',
): Promise<Program> {
  const server = startProgram(main, { ...env, PORT: String(port), HOST: '127.0.0.1' });
  let ended = false;
  void server.exited.then(() => (ended = true));
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (ended) throw new Error(`${main} exited while starting:\n${server.output()}`);
      if (Date.now() > deadline) throw new Error(`${main} did not start in time:\n${server.output()}`);
      const status = await fetch(`http://127.0.0.1:${port}${probe}`).then(
        async (reply) => (await reply.body?.cancel(), reply.status),
        () => undefined,
      );
      if (status === 200) return server;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } catch (error) {
    server.child.kill('SIGKILL');
    throw error;
  }
}

/** Starts the API on `port` (see `startServer`). */
export function startApi(
  port: number,
  env: Readonly<Record<string, string>>,
  probe?: string,
): Promise<Program> {
  return startServer(API_MAIN, port, env, probe);
}

/** Stops a program with SIGTERM and waits until it has exited. */
/** Kills the program with SIGKILL (a crash: nothing flushed, nothing closed) and says how it ended. */
export function killProgram(
  program: Program,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (program.child.exitCode === null && program.child.signalCode === null) program.child.kill('SIGKILL');
  return program.exited;
}

export async function stopProgram(program: Program): Promise<void> {
  if (program.child.exitCode === null && program.child.signalCode === null) program.child.kill('SIGTERM');
  await program.exited;
}

/**
 * A new API key named `name` with `roles`, made through `POST /keys` with the bootstrap admin key the API
 * wrote to `<dataDir>/admin.token`, as a newcomer would: the `Authorization` header that carries it.
 */
export async function keyFromAdmin(
  port: number,
  dataDir: string,
  name: string,
  roles: readonly string[],
): Promise<Record<string, string>> {
  const admin = readFileSync(join(dataDir, 'admin.token'), 'utf8').trim();
  const reply = await fetch(`http://127.0.0.1:${port}/keys`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
    body: JSON.stringify({ name, roles }),
  });
  if (reply.status !== 201) throw new Error(`POST /keys answered ${reply.status}: ${await reply.text()}`);
  return { authorization: `Bearer ${((await reply.json()) as { token: string }).token}` };
}
