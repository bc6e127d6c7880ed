import fc from 'fast-check';

/** encodeURIComponent, but a lone surrogate (which it refuses) goes out as the bytes of U+FFFD. */
export function percentEncoded(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return [...Buffer.from(text, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
  }
}

// Hostile values, one family each: strings, dates, numbers, JSON texts, header values, query values.

/** Odd strings: unicode of every kind, lone surrogates, control and invisible characters, injections. */
export const oddString = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\t\n',
    '\u0000',
    'nul\u0000inside',
    '\u202eevil',
    '\u200b',
    '\ufeffbom',
    'ｆｕｌｌｗｉｄｔｈ',
    '𝓊𝓃𝒾𝒸ℴ𝒹ℯ',
    'e\u0301',
    '\ud800',
    'a\udc00b',
    '\udbff\udfff',
    '<script>alert(1)</script>',
    "'; DROP TABLE events; --",
    '../../etc/passwd',
    '${jndi:ldap://x}',
    '{{7*7}}',
    '__proto__',
    'constructor',
    'toString',
  ),
);

/** Strings from just over the usual limits (200, 2000) to well over the 64 KiB body limit. */
export const hugeString = fc
  .tuple(fc.constantFrom(201, 2001, 5000, 20_000, 70_000), fc.constantFrom('x', 'é', '🧨', '\u0000', 'ا'))
  .map(([length, unit]) => unit.repeat(length));

/** Dates that are not ISO-8601 moments with a zone, or are but at the edges of what JavaScript dates hold. */
export const oddDate = fc.oneof(
  fc.constantFrom(
    'soon',
    '2026-02-30T10:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-03-01T25:00:00Z',
    '2026-03-01T10:60:00Z',
    '2026-03-01T10:00:61Z',
    '2026-03-01',
    '2026-03-01T10:00:00',
    '2026-03-01 10:00:00Z',
    '2026-03-01T10:00:00z',
    '2026-03-01T10:00:00+25:00',
    '2026-03-01T10:00:00.1234567890Z',
    '2023-02-29T00:00:00Z',
    '2024-02-29T00:00:00Z',
    '0000-01-01T00:00:00Z',
    '0001-01-01T00:00:00Z',
    '9999-12-31T23:59:59.999999999Z',
    '+275760-09-13T00:00:00.000Z',
    '-000001-01-01T00:00:00Z',
    '١٢٣٤-٠١-٠١T00:00:00Z',
    'T',
  ),
  fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
  fc.integer().map(String),
  fc.integer(),
);

/** Numbers a field of money, scores or counts should refuse or hold: signs, fractions, extremes. */
export const oddNumber = fc.oneof(
  fc.constantFrom(
    -1,
    -0,
    0.5,
    1.005,
    0.1 + 0.2,
    1e12,
    1e12 + 0.01,
    1e13,
    1e308,
    -1e308,
    2 ** 53 + 2,
    1e-7,
    5e-324,
  ),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Any value in place of a field: wrong types, odd strings and numbers, nested JSON. */
export const oddValue = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    true,
    false,
    [],
    {},
    [1],
    ['a'],
    { a: 1 },
    '0',
    'NaN',
    'Infinity',
    'true',
    'null',
  ),
  oddString,
  hugeString,
  oddDate,
  oddNumber,
  fc.jsonValue({ maxDepth: 3 }),
);

/** Keys that do not belong: prototype keys, near-misses of real ones, unicode. */
export const oddKey = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'hasOwnProperty',
    'leadId',
    'events',
    'id',
    'Email',
    'email ',
  ),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
);

/** A body as raw text that is no JSON object: broken JSON, other JSON values, deep nesting, tricks. */
export function oddJsonText(valid: string): fc.Arbitrary<string> {
  return fc.oneof(
    fc.nat({ max: Math.max(0, valid.length - 1) }).map((cut) => valid.slice(0, cut)),
    fc.string({ unit: 'binary', maxLength: 60 }),
    fc.constantFrom(
      '',
      ' ',
      '[]',
      '[{}]',
      '"text"',
      '42',
      'null',
      'true',
      '{"a":1,}',
      "{'a':1}",
      '{"a":NaN}',
      '{"a":Infinity}',
      '{"a":0x10}',
      '{"a":1e400}',
      '{/*comment*/}',
      '{"__proto__":{"polluted":true}}',
      '{"constructor":{"prototype":{"polluted":true}}}',
      '{"a":"\\ud800"}',
      '{"a":"\\u0000"}',
      `\ufeff${valid}`,
      `${valid}${valid}`,
      `${valid} trailing`,
      valid.replace('{', '{"a":1,"a":2,'),
    ),
    fc.constantFrom(100, 10_000, 100_000).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
    fc.constantFrom(100, 5_000).map((depth) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
  );
}

/**
 * Header values an HTTP parser lets through (visible ASCII, space, tab and bytes 0x80-0xFF read as latin1):
 * empty, blank, long, odd bytes, lists.
 */
export const oddHeaderValue = fc.oneof(
  fc.constantFrom('', ' ', '\t', 'a b', 'a,b', '"', '""', '*', 'null', 'undefined', '\x7f', 'é\u00ff', 'ÿþ'),
  fc.string({
    unit: fc
      .integer({ min: 0x20, max: 0xff })
      .map((code) => (code === 0x7f ? ' ' : String.fromCharCode(code))),
    maxLength: 40,
  }),
  fc.constantFrom(201, 1000, 8000).map((length) => 'k'.repeat(length)),
);

/** Header names: tokens only, as the HTTP parser requires. */
export const headerName = fc.string({
  unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-_!#$%&*+.^`|~'.split('')),
  minLength: 1,
  maxLength: 20,
});

/** Query-string values that are no good, already percent-encoded or deliberately not. */
export const oddQueryValue = fc.oneof(
  fc.constantFrom(
    '',
    '-1',
    '0',
    '1.5',
    '1e3',
    'abc',
    'TRUE',
    'yes',
    '2026-02-30',
    '2026-13-45',
    '0000-00-00',
  ),
  fc.constantFrom(
    '%',
    '%zz',
    '%E0%A4%A',
    '%00',
    '%C0%AF',
    '%ED%A0%80',
    '%2e%2e%2f',
    '+',
    '%20',
    '&',
    '=',
    '[]',
  ),
  oddString.map(percentEncoded),
  fc.constantFrom(201, 1001, 5000).map((length) => 'q'.repeat(length)),
  fc.constantFrom(
    // Cursors: base64url of JSON we did not make, or of arrays with odd members.
    '',
    '!!!',
    'bnVsbA',
    Buffer.from('[1e999,"x"]').toString('base64url'),
    Buffer.from('[-1e999,""]').toString('base64url'),
    Buffer.from('[1,{"a":1}]').toString('base64url'),
    Buffer.from('["1","x"]').toString('base64url'),
    Buffer.from('[1.5,"\\u0000"]').toString('base64url'),
    Buffer.from('{"score":1,"member":"x"}').toString('base64url'),
    Buffer.from('[1,"x",3]').toString('base64url'),
  ),
);

/** Path segments where a lead id goes that are no lead id: near misses of `sample`, encodings, lengths. */
export function oddId(sample: string): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(
      '',
      'null',
      '0',
      '00000000-0000-0000-0000-000000000000',
      sample.toUpperCase(),
      `${sample}0`,
      sample.slice(1),
      `{${sample}}`,
      sample.replace(/-/g, ''),
      `${sample}%00`,
      `${sample}%20`,
      '%zz',
      '%E0%A4%A',
      '%ED%A0%80',
      '..',
      '%2e%2e',
      '%2F',
      'a'.repeat(5000),
    ),
    oddString.map(percentEncoded),
  );
}
