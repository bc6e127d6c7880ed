import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import Redis from 'ioredis';

// Looking for a person the way a regulator would: in the raw bytes of every file of a data dir, of every
// Redis key and value, of every program output, without trusting any of Leadger's own readers. Needles are
// matched case-insensitively (so an email is found as given, lower-cased or upper-cased) and in UTF-8 and
// UTF-16LE, anywhere in the bytes (inside a SQLite page, a WAL frame, a JSON value, a hash field name).

/** A value the person could be recognised by, and what it is. */
export interface Needle {
  readonly label: string;
  readonly value: string;
}

/** Where a needle was found. */
export interface Hit {
  readonly where: string;
  readonly label: string;
  readonly value: string;
  readonly encoding: 'utf8' | 'utf16le';
  readonly offset: number;
  /** The bytes around the hit, non-printable ones shown as `.`. */
  readonly around: string;
}

/** A haystack: a name for the report and its bytes. */
export interface Haystack {
  readonly where: string;
  readonly bytes: Buffer;
}

const encodings = ['utf8', 'utf16le'] as const;

/** Every place a needle occurs in the haystacks (the first occurrence per haystack, needle and encoding). */
export function findNeedles(haystacks: readonly Haystack[], needles: readonly Needle[]): Hit[] {
  const hits: Hit[] = [];
  for (const { where, bytes } of haystacks) {
    // latin1 maps each byte to one char, so offsets are byte offsets and lower-casing touches A–Z alike
    // in the bytes and in the needle.
    const hay = bytes.toString('latin1').toLowerCase();
    for (const { label, value } of needles) {
      for (const encoding of encodings) {
        const pattern = Buffer.from(value.toLowerCase(), encoding).toString('latin1');
        const offset = hay.indexOf(pattern);
        if (offset < 0) continue;
        const start = Math.max(0, offset - 40);
        const around = bytes
          .subarray(start, offset + pattern.length + 40)
          .toString('latin1')
          .replace(/[^\x20-\x7e]/g, '.');
        hits.push({ where, label, value, encoding, offset, around });
      }
    }
  }
  return hits;
}

/** Where these exact bytes occur (e.g. a binary key): the haystack names, each once. */
export function findBytes(haystacks: readonly Haystack[], bytes: Buffer): string[] {
  return haystacks.filter((haystack) => haystack.bytes.includes(bytes)).map((haystack) => haystack.where);
}

/** A secret as a needle in each way it could be written down as text: hex, base64, base64url. */
export function textFormsOf(label: string, bytes: Buffer): Needle[] {
  return [
    { label: `${label} (hex)`, value: bytes.toString('hex') },
    { label: `${label} (base64)`, value: bytes.toString('base64').replace(/=+$/, '') },
    { label: `${label} (base64url)`, value: bytes.toString('base64url') },
  ];
}

/** Every file under `dir`, dotfiles and nested folders included, each read whole. */
export function filesOf(dir: string): Haystack[] {
  const files: Haystack[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) files.push({ where: relative(dir, path), bytes: readFileSync(path) });
    }
  };
  walk(dir);
  return files;
}

/** `name (size)` of each file, for a failure message or the report. */
export function describeFiles(files: readonly Haystack[]): string[] {
  return files.map((file) => `${file.where} (${file.bytes.length} B)`).sort();
}

/** How one Redis key was read. */
export interface RedisEntry extends Haystack {
  readonly key: string;
  readonly type: string;
}

/**
 * Every key matching `match` (SCAN) with its value read by its type: a string whole, a hash's fields and
 * values, a sorted set's members and scores, a list's, set's or stream's elements. The key name is part of
 * the haystack. An unknown type fails (a value the search cannot read is not a value it searched), unless
 * `unknownTypes` is `skip`: for keys of others, on a shared Redis.
 */
export async function redisEntries(
  url: string,
  match: string,
  unknownTypes: 'fail' | 'skip' = 'fail',
): Promise<RedisEntry[]> {
  const redis = new Redis(url, { lazyConnect: true });
  await redis.connect();
  try {
    const keys = new Set<string>();
    let cursor = '0';
    do {
      const [next, found] = await redis.scan(cursor, 'MATCH', match, 'COUNT', 1000);
      cursor = next;
      for (const key of found) keys.add(key);
    } while (cursor !== '0');
    const entries: RedisEntry[] = [];
    for (const key of [...keys].sort()) {
      const type = await redis.type(key);
      const parts: Buffer[] = [Buffer.from(key, 'utf8')];
      switch (type) {
        case 'none': // gone between SCAN and TYPE
          continue;
        case 'string':
          parts.push((await redis.getBuffer(key)) ?? Buffer.alloc(0));
          break;
        case 'hash':
          for (const [field, value] of Object.entries(await redis.hgetallBuffer(key)))
            parts.push(Buffer.from(field, 'utf8'), value);
          break;
        case 'zset':
          parts.push(...(await redis.zrangeBuffer(key, 0, -1, 'WITHSCORES')));
          break;
        case 'list':
          parts.push(...(await redis.lrangeBuffer(key, 0, -1)));
          break;
        case 'set':
          parts.push(...(await redis.smembersBuffer(key)));
          break;
        case 'stream':
          parts.push(Buffer.from(JSON.stringify(await redis.xrange(key, '-', '+')), 'utf8'));
          break;
        default:
          if (unknownTypes === 'skip') continue;
          throw new Error(`Redis key ${key} has type ${type}, which the search cannot read`);
      }
      // A separator no needle holds, so a needle is never found across two parts.
      entries.push({ where: `redis ${type} ${key}`, key, type, bytes: Buffer.concat(join0(parts)) });
    }
    return entries;
  } finally {
    redis.disconnect();
  }
}

function join0(parts: readonly Buffer[]): Buffer[] {
  return parts.flatMap((part, index) => (index === 0 ? [part] : [Buffer.from([1, 1]), part]));
}

/** How many keys of each type, e.g. `{hash: 9, zset: 4, string: 6}`. */
export function countByType(entries: readonly RedisEntry[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { type } of entries) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
}

/** A program's output as a haystack. */
export function textOf(where: string, text: string): Haystack {
  return { where, bytes: Buffer.from(text, 'utf8') };
}
