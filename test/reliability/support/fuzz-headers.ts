import fc from 'fast-check';
import { bad, ok, weighted, type Part } from './fuzz-part';
import type { Route } from './fuzz-routes';
import { headerName, oddHeaderValue } from './fuzz-values';

// Request headers: a content type, an Authorization, and for lead commands Idempotency-Key, If-Match and
// X-Correlation-Id; each valid, missing or odd, plus now and then random headers.

/** An Idempotency-Key the fixtures have already used on every lead. */
export const REUSED_KEY = 'fuzz-key-0';

/** Stands for the test app's own `Authorization` header, put in when the request is sent. */
export const VALID_AUTHORIZATION = '<the test app key>';

/** The headers of a request to `route`; `withBody` when it sends one. */
export function headersOf(route: Route, withBody: boolean): fc.Arbitrary<Part<Record<string, string>>> {
  const optional = (name: string, valid: fc.Arbitrary<string>, rare = 8) =>
    weighted<Part<string | undefined>>(
      [rare, fc.constant(ok(undefined))],
      [1, valid.map(ok)],
      [1, oddHeaderValue.map(bad(`header: ${name}`))],
    );
  const contentType = withBody
    ? weighted<Part<string | undefined>>(
        [10, fc.constant(ok('application/json'))],
        [1, fc.constant(bad('no content type')(undefined))],
        [
          2,
          fc
            .oneof(
              fc.constantFrom(
                'text/plain',
                'application/x-www-form-urlencoded',
                'multipart/form-data; boundary=x',
                'application/json; charset=utf-16',
                'application/json; charset=latin1',
                'application/vnd.api+json',
                'application/problem+json',
                'APPLICATION/JSON',
                'application/json;;;',
                'application/jsonx',
              ),
              oddHeaderValue,
            )
            .map(bad('header: Content-Type')),
        ],
      )
    : weighted<Part<string | undefined>>(
        [10, fc.constant(ok(undefined))],
        [1, fc.constant(ok('application/json'))],
      );
  const authorization = weighted<Part<string | undefined>>(
    [12, fc.constant(ok(VALID_AUTHORIZATION))],
    [1, fc.constant(bad('header: Authorization')(undefined))],
    [1, oddHeaderValue.map(bad('header: Authorization'))],
  );
  // `fuzz-key-0` was used once on every fixture lead: reusing it for another command is a 422.
  const key = weighted<Part<string | undefined>>(
    [5, fc.constant(ok(undefined))],
    [2, fc.constant(ok(REUSED_KEY))],
    [1, fc.uuid().map(ok)],
    [1, oddHeaderValue.map(bad('header: Idempotency-Key'))],
  );
  const ifMatch = optional('If-Match', fc.constantFrom('"0"', '"1"', '"3"', '"7"', 'W/"2"', '5'));
  const correlation = optional('X-Correlation-Id', fc.constantFrom('flow-1', 'a'.repeat(200)));
  const extra = weighted<Part<Record<string, string>>>(
    [6, fc.constant(ok({}))],
    [
      1,
      fc
        .dictionary(
          fc.oneof(
            headerName,
            fc.constantFrom(
              'accept',
              'accept-encoding',
              'content-encoding',
              'origin',
              'cookie',
              'authorization',
              'x-forwarded-for',
              'host',
            ),
          ),
          oddHeaderValue,
          { maxKeys: 3 },
        )
        // The client library computes these; a request that lied about them would hang, not reach the app.
        .map((headers) =>
          Object.fromEntries(
            Object.entries(headers).filter(
              ([name]) => !['content-length', 'transfer-encoding', 'expect'].includes(name),
            ),
          ),
        )
        .map(bad('random headers')),
    ],
  );
  const commandOnly = route.command
    ? [key, ifMatch, correlation]
    : [fc.constant(ok(undefined)), fc.constant(ok(undefined)), fc.constant(ok(undefined))];
  return fc.tuple(contentType, authorization, ...commandOnly, extra).map(([type, ...rest]) => {
    const extraHeaders = rest.pop() as Part<Record<string, string>>;
    const [authorizationValue, keyValue, ifMatchValue, correlationValue] = rest as Part<string | undefined>[];
    const named: Record<string, string | undefined> = {
      'content-type': type.value,
      authorization: authorizationValue.value,
      'idempotency-key': keyValue.value,
      'if-match': ifMatchValue.value,
      'x-correlation-id': correlationValue.value,
    };
    const headers = Object.fromEntries(
      Object.entries({ ...named, ...extraHeaders.value }).filter(([, value]) => value !== undefined),
    ) as Record<string, string>;
    const broken = [type, authorizationValue, keyValue, ifMatchValue, correlationValue, extraHeaders].flatMap(
      (part) => part.broken,
    );
    return { value: headers, broken };
  });
}
