import fc from 'fast-check';
import { routes, validValue, type Route } from './fuzz-routes';
import { headersOf } from './fuzz-headers';
import { bad, ok, weighted, type Part } from './fuzz-part';
import { oddId, oddJsonText, oddKey, oddQueryValue, oddValue, percentEncoded } from './fuzz-values';

// Generated requests: a route, then a body, headers, a lead id and a query string, each either valid or
// broken in its own way. A request may come out valid in every part; then only the lead's stage decides
// (an illegal transition, or now and then a legal command that is applied).

/** One generated request, plain data so a failure prints it whole. */
export interface FuzzCase {
  readonly route: string;
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly payload?: string;
  /** What was broken, e.g. `wrong value: score`, `malformed body`, `header: If-Match`. */
  readonly broken: readonly string[];
}

type Mutation =
  | { readonly op: 'drop'; readonly name: string }
  | { readonly op: 'set' | 'add'; readonly name: string; readonly value: unknown };

function mutate(body: Record<string, unknown>, route: Route, mutations: readonly Mutation[]): Part<string> {
  const copy: Record<string, unknown> = { ...body };
  const broken: string[] = [];
  for (const mutation of mutations) {
    if (mutation.op === 'drop') {
      delete copy[mutation.name];
      if (mutation.name in route.required) broken.push(`missing field: ${mutation.name}`);
      continue;
    }
    // defineProperty, so `__proto__` becomes a key of the JSON rather than the object's prototype.
    Object.defineProperty(copy, mutation.name, {
      value: mutation.value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
    broken.push(mutation.op === 'set' ? `wrong value: ${mutation.name}` : 'unknown field');
  }
  return { value: JSON.stringify(copy), broken };
}

function bodyOf(route: Route): fc.Arbitrary<Part<string | undefined>> {
  const fields = { ...route.required, ...route.optional };
  const names = Object.keys(fields);
  const valid = fc.record(
    Object.fromEntries(Object.entries(fields).map(([name, kind]) => [name, validValue(kind)])),
    { requiredKeys: Object.keys(route.required) },
  ) as fc.Arbitrary<Record<string, unknown>>;
  const mutations: fc.Arbitrary<Mutation>[] = [
    fc.tuple(oddKey, oddValue).map(([name, value]) => ({ op: 'add' as const, name, value })),
  ];
  if (names.length > 0) {
    mutations.push(fc.constantFrom(...names).map((name) => ({ op: 'drop' as const, name })));
    mutations.push(
      fc
        .tuple(fc.constantFrom(...names), oddValue)
        .map(([name, value]) => ({ op: 'set' as const, name, value })),
    );
  }
  const mutated = fc
    .tuple(valid, fc.array(fc.oneof(...mutations), { minLength: 1, maxLength: 3 }))
    .map(([body, changes]) => mutate(body, route, changes));
  const raw = valid.chain((body) => oddJsonText(JSON.stringify(body)).map(bad('malformed body')));
  const none = fc.constant<Part<string | undefined>>(
    route.method === 'POST' ? bad('no body')(undefined) : ok(undefined),
  );
  if (route.method === 'GET') return weighted<Part<string | undefined>>([10, none], [1, mutated]);
  return weighted<Part<string | undefined>>(
    [6, mutated],
    [2, raw],
    [3, valid.map((body) => ok(JSON.stringify(body)))],
    [1, none],
  );
}

function leadOf(leadIds: readonly string[]): fc.Arbitrary<Part<string>> {
  return weighted(
    [6, fc.constantFrom(...leadIds).map(ok)],
    [1, fc.uuid().map(bad('unknown lead'))],
    [2, oddId(leadIds[0]).map(bad('bad lead id'))],
  );
}

function queryOf(route: Route): fc.Arbitrary<Part<string>> {
  const names = Object.keys(route.query);
  const parameters: fc.Arbitrary<Part<string>>[] = [
    fc
      .tuple(
        fc.oneof(oddKey.map(percentEncoded), fc.constantFrom('constructor[prototype]', 'a[b]', '')),
        oddQueryValue,
      )
      .map(([name, value]) => bad('unknown parameter')(`${name}=${value}`)),
  ];
  if (names.length > 0) {
    const pick = fc.constantFrom(...names);
    parameters.push(
      pick.chain((name) =>
        validValue(route.query[name], true).map((value) => ok(`${name}=${percentEncoded(String(value))}`)),
      ),
      pick.chain((name) => oddQueryValue.map((value) => bad(`bad parameter: ${name}`)(`${name}=${value}`))),
      pick.map((name) => bad(`bare parameter: ${name}`)(name)),
    );
  }
  const list = fc.array(fc.oneof(...parameters), { maxLength: names.length > 0 ? 5 : 2 });
  return weighted(
    [
      names.length > 0 ? 6 : 1,
      list.map((parts) => ({
        value: parts.map((part) => part.value).join('&'),
        broken: parts.flatMap((part) => part.broken),
      })),
    ],
    [names.length > 0 ? 1 : 8, fc.constant(ok(''))],
    [1, fc.constantFrom('&&&', '=', '?', 'a=1=2', '%', '#x').map(bad('odd query string'))],
  );
}

const otherMethod = fc.constantFrom('PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD');

/** Requests to every route of the API, against the leads named by `leadIds`. */
export function fuzzCases(leadIds: readonly string[]): fc.Arbitrary<FuzzCase> {
  return fc.constantFrom(...routes).chain((route) =>
    fc
      .tuple(
        bodyOf(route),
        leadOf(leadIds),
        queryOf(route),
        weighted<Part<string>>(
          [24, fc.constant(ok(route.method))],
          [1, otherMethod.map(bad('other method'))],
        ),
      )
      .chain(([body, lead, query, method]) =>
        headersOf(route, body.value !== undefined).map((headers): FuzzCase => {
          const path = route.path.replace('{id}', lead.value);
          return {
            route: route.name,
            method: method.value,
            url: query.value ? `${path}?${query.value}` : path,
            headers: headers.value,
            payload: body.value,
            broken: [
              ...body.broken,
              ...(route.path.includes('{id}') ? lead.broken : []),
              ...query.broken,
              ...method.broken,
              ...headers.broken,
            ],
          };
        }),
      ),
  );
}
