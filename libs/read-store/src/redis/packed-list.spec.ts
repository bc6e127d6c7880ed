import { PackedList } from './packed-list';

describe('PackedList', () => {
  it('writes MessagePack: an array 32 of str 32 and uint 32 items, lengths in UTF-8 bytes', () => {
    const list = new PackedList();
    list.push('é');
    const at = list.pushNumber(0);
    list.push('');
    list.setNumber(at, 258);
    expect([...list.toBuffer()]).toEqual([
      ...[0xdd, 0, 0, 0, 3],
      ...[0xdb, 0, 0, 0, 2, 0xc3, 0xa9],
      ...[0xce, 0, 0, 1, 2],
      ...[0xdb, 0, 0, 0, 0],
    ]);
  });

  it('given more than its first buffer holds › then it grows and keeps every byte', () => {
    const list = new PackedList(8);
    const long = '€😀x'.repeat(10_000);
    list.push('a');
    list.push(long);
    list.push('b');
    const bytes = list.toBuffer();
    const size = Buffer.byteLength(long);
    expect(bytes.readUInt32BE(12)).toBe(size);
    expect(bytes.toString('utf8', 16, 16 + size)).toBe(long);
    expect(bytes.toString('utf8', 16 + size + 5)).toBe('b');
  });
});
