import type { Commit } from '../read-store';

/** Items per command group: keeps Lua's `unpack` far below its stack limit (about 8000 values). */
const GROUP_ITEMS = 1000;

/**
 * The commit script's arguments (see `COMMIT` in scripts.ts), flat, keys without the store's prefix:
 * `prefix, n, lease, token…, m, (checkpoint id, expected or '', position, version, store id)…`, then groups
 * `op, key, count, items…` to the end. Flat arguments reach the script as they are: unlike one JSON
 * argument, nothing is escaped here or decoded there, and a group's items go to its command by `unpack`
 * straight from ARGV. Half the script's time went to `cjson.decode` of a batch's memos (JSON inside JSON).
 */
export function encodeCommit(prefix: string, { changes, checkpoints, leases }: Commit): string[] {
  const args = [prefix, String(leases.length)];
  for (const { name, token } of leases) args.push(name, token);
  args.push(String(checkpoints.length));
  for (const move of checkpoints) {
    const expected = move.expected === null ? '' : String(move.expected);
    args.push(move.id, expected, String(move.position), String(move.version), move.storeId);
  }
  const group = new Group(args);
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
  return args;
}

/**
 * Appends groups of one command each to the arguments: `item` writes into the open group, which is split
 * every GROUP_ITEMS items (pairs stay whole: the limit is even); an empty group is never sent.
 */
class Group {
  private op = '';
  private key = '';
  /** Where the open group's count goes, or -1 before its first item. */
  private at = -1;

  constructor(private readonly args: string[]) {}

  open(op: string, key: string): void {
    this.close();
    this.op = op;
    this.key = key;
  }

  /** One item, or a pair (`second`): a field and its value, a score and its member. */
  item(first: string, second?: string): void {
    const count = second === undefined ? 1 : 2;
    if (this.at >= 0 && this.args.length - this.at - 1 + count > GROUP_ITEMS) this.close();
    if (this.at < 0) {
      this.args.push(this.op, this.key, '');
      this.at = this.args.length - 1;
    }
    if (second === undefined) this.args.push(first);
    else this.args.push(first, second);
  }

  close(): void {
    if (this.at >= 0) this.args[this.at] = String(this.args.length - this.at - 1);
    this.at = -1;
  }
}
