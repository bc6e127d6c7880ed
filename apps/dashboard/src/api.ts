import { token } from './token';

/** A problem+json answer other than a 401 (which signs the user out instead). */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly requiredRoles: readonly string[],
  ) {
    super(title);
  }
}

/** The token was refused as a whole: back to sign-in. */
export class SignedOut extends Error {}

interface Problem {
  readonly title?: string;
  readonly detail?: string;
  readonly requiredRoles?: readonly string[];
}

/** GET one API path with the user's bearer token; the answer's JSON, or an ApiProblem / SignedOut. */
export async function getJson<T>(path: string): Promise<T> {
  const reply = await fetch(path, {
    headers: { authorization: `Bearer ${token.read() ?? ''}`, accept: 'application/json' },
  });
  if (reply.status === 401) throw new SignedOut('the token was refused');
  if (!reply.ok) {
    const problem = (await reply.json().catch(() => ({}))) as Problem;
    throw new ApiProblem(
      reply.status,
      problem.detail ?? problem.title ?? reply.statusText,
      problem.requiredRoles ?? [],
    );
  }
  return (await reply.json()) as T;
}
