const STR32 = 0xdb;
const UINT32 = 0xce;
const ARRAY32 = 0xdd;
/** Type byte and 32-bit length or value: every header has this one size, so none is measured first. */
const HEADER = 5;

/**
 * A flat list of strings and whole numbers written straight into one buffer as a MessagePack array, which
 * a Lua script turns back into a table with Redis's built-in `cmsgpack.unpack`. One binary argument
 * costs the client one write, where ~100k arguments cost it a command object, a length and a string
 * concatenation each; nothing is escaped, as JSON would escape the documents inside it.
 */
export class PackedList {
  private buffer: Buffer;
  private length = HEADER;
  private count = 0;

  constructor(capacity = 1 << 16) {
    this.buffer = Buffer.allocUnsafe(capacity);
  }

  /** How many items so far. */
  get size(): number {
    return this.count;
  }

  push(value: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit: room for that, then write and fill in the length.
    this.reserve(HEADER + 3 * value.length);
    const written = this.buffer.write(value, this.length + HEADER, 'utf8');
    this.header(this.length, STR32, written);
    this.length += HEADER + written;
    this.count++;
  }

  /** Appends a whole number (0 to 2^32 - 1); returns its place, for `set` once it is known. */
  pushNumber(value: number): number {
    this.reserve(HEADER);
    const at = this.length;
    this.header(at, UINT32, value);
    this.length += HEADER;
    this.count++;
    return at;
  }

  /** Replaces the number pushed at `at`. */
  setNumber(at: number, value: number): void {
    this.header(at, UINT32, value);
  }

  /** The encoded array; the list must not be written to after. */
  toBuffer(): Buffer {
    this.header(0, ARRAY32, this.count);
    return this.buffer.subarray(0, this.length);
  }

  private header(at: number, type: number, value: number): void {
    this.buffer[at] = type;
    this.buffer.writeUInt32BE(value, at + 1);
  }

  private reserve(bytes: number): void {
    if (this.length + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(2 * this.buffer.length, this.length + bytes));
    this.buffer.copy(grown, 0, 0, this.length);
    this.buffer = grown;
  }
}
