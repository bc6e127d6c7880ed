import type { Role } from './roles';

/**
 * Who is calling: a person or a service, with its roles. `id` is what events record as their `actor`, and
 * for a sales rep it is the owner name leads are handed to.
 */
export interface Principal {
  readonly id: string;
  readonly roles: readonly Role[];
  /** How the caller proved who it is: an API key, an OIDC token, or the operator at the CLI. */
  readonly via: 'api-key' | 'oidc' | 'cli' | 'policy';
}

/** No token, or one that does not prove anything: a 401. `reason` says which, never echoing the token. */
export class AuthenticationError extends Error {
  readonly code = 'unauthenticated';

  constructor(readonly reason: string) {
    super(reason);
    this.name = 'AuthenticationError';
  }
}
