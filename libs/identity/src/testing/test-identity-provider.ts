import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload, type KeyLike } from 'jose';

// An identity provider for tests: real key pairs made by jose, their public halves served as a JWKS by a
// real HTTP server on loopback, and tokens signed with them. No mock: the verifier fetches and checks as it
// would against Keycloak or Auth0.

export interface TestKey {
  readonly kid: string;
  readonly alg: string;
  readonly privateKey: KeyLike;
  /** The public JWK as published: `kid`, `alg` and `use: sig` set. */
  readonly jwk: JWK;
}

/** A fresh key pair for `alg` (RS256, ES256, EdDSA…), named `kid`. */
export async function testKey(kid: string, alg = 'ES256'): Promise<TestKey> {
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
  return { kid, alg, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

/** The JWKS document publishing `keys`. */
export function jwksOf(keys: readonly TestKey[]): { keys: JWK[] } {
  return { keys: keys.map((key) => key.jwk) };
}

export interface SignOptions {
  /** Header overrides, e.g. `{ kid: undefined }` to leave the key id out. */
  readonly header?: Record<string, unknown>;
}

/** A JWT with exactly `claims`, signed by `key` (header `alg` and `kid` from it unless overridden). */
export function signedToken(key: TestKey, claims: JWTPayload, options: SignOptions = {}): Promise<string> {
  const header = { alg: key.alg, kid: key.kid, typ: 'JWT', ...options.header };
  return new SignJWT(claims).setProtectedHeader(header as { alg: string }).sign(key.privateKey);
}

/** What the JWKS server answers: the key set (the default), an error status, or nothing at all. */
export type JwksBehaviour = 'serve' | 'fail' | 'hang';

export class TestJwksServer {
  /** The keys published; change it to rotate. */
  keys: TestKey[];
  behaviour: JwksBehaviour = 'serve';
  /** How many times the key set was asked for. */
  requests = 0;

  private constructor(
    private readonly server: Server,
    keys: readonly TestKey[],
  ) {
    this.keys = [...keys];
  }

  /** A server on a free loopback port publishing `keys` at `/jwks`. */
  static async start(keys: readonly TestKey[]): Promise<TestJwksServer> {
    const server = createServer();
    const self = new TestJwksServer(server, keys);
    server.on('request', (request, response) => self.answer(request.url ?? '', response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return self;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/jwks`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private answer(path: string, response: ServerResponse): void {
    if (path !== '/jwks') return void response.writeHead(404).end();
    this.requests += 1;
    if (this.behaviour === 'hang') return;
    if (this.behaviour === 'fail') return void response.writeHead(500).end('down for maintenance');
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwksOf(this.keys)));
  }
}
