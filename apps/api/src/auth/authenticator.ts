import {
  AuthenticationError,
  isApiKeyToken,
  type ApiKeys,
  type OidcVerifier,
  type Principal,
} from '@leadger/identity';

const bearer = /^Bearer +([^\s]+)\s*$/i;

/** Who a request's `Authorization: Bearer <token>` proves: an API key, or an OIDC token when OIDC is set up. */
export class Authenticator {
  constructor(
    private readonly apiKeys: ApiKeys,
    private readonly oidc: OidcVerifier | null,
  ) {}

  async authenticate(authorization: string | undefined): Promise<Principal> {
    if (!authorization) throw new AuthenticationError('Authorization: Bearer <token> is required');
    const token = bearer.exec(authorization)?.[1];
    if (!token) throw new AuthenticationError('the Authorization header must be "Bearer <token>"');
    if (isApiKeyToken(token)) return this.apiKeys.authenticate(token);
    if (!this.oidc)
      throw new AuthenticationError('not a Leadger API key, and no identity provider is set up');
    return this.oidc.verify(token);
  }
}
