/** 2^24 bits (2 MB): about 0.4% false positives at a million fields. */
const BITS = 1 << 24;
const HASHES = 3;

/**
 * The fields a session wrote and then forgot, as a Bloom filter: bounded memory, and a false positive only
 * costs a read. In a store that started empty, a field the cache does not hold and this filter has never
 * seen was never written, so it is absent without asking the store.
 */
export class WrittenFields {
  private readonly bits = new Uint32Array(BITS >>> 5);

  add(key: string, field: string): void {
    const [h1, h2] = hashes(key, field);
    for (let i = 0; i < HASHES; i++) {
      const bit = (h1 + i * h2) & (BITS - 1);
      this.bits[bit >>> 5] |= 1 << (bit & 31);
    }
  }

  /** False only when the field was never added. */
  mayHave(key: string, field: string): boolean {
    const [h1, h2] = hashes(key, field);
    for (let i = 0; i < HASHES; i++) {
      const bit = (h1 + i * h2) & (BITS - 1);
      if ((this.bits[bit >>> 5] & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }
}

/** Two 32-bit FNV-1a hashes of key and field, with different seeds. */
function hashes(key: string, field: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (const text of [key, field]) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
    }
    a = Math.imul(a ^ 0xff, 0x01000193);
    b = Math.imul(b ^ 0xff, 0x5bd1e995);
  }
  return [a >>> 0, (b >>> 0) | 1];
}
