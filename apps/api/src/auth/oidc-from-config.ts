import { ConfigError, type LeadgerConfig } from '@leadger/config';
import {
  createOidcVerifier,
  oidcOptionProblems,
  type OidcOptions,
  type OidcVerifier,
} from '@leadger/identity';

/** The variable each OIDC option is set by, to name it when it is wrong. */
const variables: Readonly<Record<string, string>> = {
  issuer: 'LEADGER_OIDC_ISSUER',
  audience: 'LEADGER_OIDC_AUDIENCE',
  jwksUrl: 'LEADGER_OIDC_JWKS_URL',
  jwksFile: 'LEADGER_OIDC_JWKS_FILE',
  rolesClaim: 'LEADGER_OIDC_ROLES_CLAIM',
  idClaim: 'LEADGER_OIDC_ID_CLAIM',
  clockToleranceSeconds: 'LEADGER_OIDC_CLOCK_TOLERANCE_SECONDS',
};

/** A problem's text with the options it mentions called by their variables. */
function named(message: string): string {
  return Object.entries(variables).reduce(
    (text, [option, variable]) => text.replace(new RegExp(`\\b${option}\\b`, 'g'), variable),
    message,
  );
}

/** The OIDC verifier the configuration asks for, or null when LEADGER_OIDC_* are unset; refuses bad settings at start. */
export function oidcFromConfig(config: LeadgerConfig): OidcVerifier | null {
  const { oidcIssuer, oidcAudience, oidcJwksUrl, oidcJwksFile } = config;
  if (!oidcIssuer && !oidcJwksUrl && !oidcJwksFile && !oidcAudience) return null;
  const options: Partial<OidcOptions> = {
    issuer: oidcIssuer,
    audience: oidcAudience,
    jwksUrl: oidcJwksUrl,
    jwksFile: oidcJwksFile,
    rolesClaim: config.oidcRolesClaim,
    idClaim: config.oidcIdClaim,
    clockToleranceSeconds: config.oidcClockToleranceSeconds,
  };
  const problems = oidcOptionProblems(options);
  if (problems.length > 0)
    throw new ConfigError(problems.map((p) => `${variables[p.option] ?? p.option} ${named(p.message)}`));
  return createOidcVerifier(options as OidcOptions);
}
