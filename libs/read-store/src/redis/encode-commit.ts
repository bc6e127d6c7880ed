import type { Commit } from '../read-store';
import { PackedList } from './packed-list';

/** Items per command group: keeps Lua's `unpack` far below its stack limit (about 8000 values). */
const GROUP_ITEMS = 1000;

/**
 * The commit script's one argument (see `COMMIT` in scripts.ts), a flat MessagePack list, keys without
 * the store's prefix: `prefix, n, lease, token…, m, (checkpoint id, expected or '', position, version,
 * store id)…`, then groups `op, key, count, items…` to the end. Flat, so a group's items go to its command
 * by `unpack` straight from the list; binary, so nothing is escaped here or decoded there (as JSON,
 * `cjson.decode` of a batch's memos, JSON inside JSON, took half the script's time).
 */
export function encodeCommit(prefix: string, { changes, checkpoints, leases }: Commit): Buffer {
  const list = new PackedList(1 << 20);
  list.push(prefix);
  list.pushNumber(leases.length);
  for (const { name, token } of leases) {
    list.push(name);
    list.push(token);
  }
  list.pushNumber(checkpoints.length);
  for (const move of checkpoints) {
    list.push(move.id);
    list.push(move.expected === null ? '' : String(move.expected));
    list.push(String(move.position));
    list.push(String(move.version));
    list.push(move.storeId);
  }
  const group = new Group(list);
  // Three walks over each hash's slots rather than `hashGroups`' copies: this runs on every field a
  // rebuild writes.
  for (const [key, slots] of changes.hashSlots) {
    group.open('hset', key);
    for (const [field, slot] of slots) {
      if (slot.kind === 'set') group.item(field, slot.value);
      else if (slot.kind === 'doc') group.item(field, JSON.stringify(slot.doc));
    }
    group.open('hdel', key);
    for (const [field, slot] of slots) if (slot.kind === 'del') group.item(field);
    group.open('hincr', key);
    for (const [field, slot] of slots) if (slot.kind === 'incr') group.item(field, String(slot.by));
  }
  for (const { key, adds, rems } of changes.zsetGroups()) {
    group.open('zadd', key);
    for (const [member, score] of adds) group.item(String(score), member);
    group.open('zrem', key);
    for (const member of rems) group.item(member);
  }
  group.close();
  return list.toBuffer();
}

/**
 * Appends groups of one command each: `item` writes into the open group, which is split every GROUP_ITEMS
 * items (pairs stay whole: the limit is even); an empty group is never sent.
 */
class Group {
  private op = '';
  private key = '';
  /** Where the open group's count goes, or -1 before its first item. */
  private countAt = -1;
  /** The list's size before the open group's first item. */
  private start = 0;

  constructor(private readonly list: PackedList) {}

  open(op: string, key: string): void {
    this.close();
    this.op = op;
    this.key = key;
  }

  /** One item, or a pair (`second`): a field and its value, a score and its member. */
  item(first: string, second?: string): void {
    const count = second === undefined ? 1 : 2;
    if (this.countAt >= 0 && this.list.size - this.start + count > GROUP_ITEMS) this.close();
    if (this.countAt < 0) {
      this.list.push(this.op);
      this.list.push(this.key);
      this.countAt = this.list.pushNumber(0);
      this.start = this.list.size;
    }
    this.list.push(first);
    if (second !== undefined) this.list.push(second);
  }

  close(): void {
    if (this.countAt >= 0) this.list.setNumber(this.countAt, this.list.size - this.start);
    this.countAt = -1;
  }
}
