import Database from 'better-sqlite3';
import { SqliteGroupCommit } from './group-commit';

class Refused extends Error {}

describe('SqliteGroupCommit', () => {
  let db: Database.Database;
  let commits: number;
  let writes: SqliteGroupCommit;
  const insert = (value: string) => () => db.prepare('INSERT INTO t (v) VALUES (?)').run(value).changes;
  const rows = () => db.prepare<[], { v: string }>('SELECT v FROM t ORDER BY v').all();

  beforeEach(() => {
    db = new Database(':memory:');
    db.exec('CREATE TABLE t (v TEXT PRIMARY KEY)');
    commits = 0;
    writes = new SqliteGroupCommit(db, {
      isRefusal: (error) => error instanceof Refused,
      failure: (error, count) => new Error(`group of ${count} failed: ${(error as Error).message}`),
      onCommitted: () => (commits += 1),
    });
  });
  afterEach(() => db.close());

  it('commits the writes handed in during one turn in one transaction, and answers each its own value', async () => {
    const answers = await Promise.all(['a', 'b', 'c'].map((v) => writes.run(insert(v))));
    expect(answers).toEqual([1, 1, 1]);
    expect(commits).toBe(1);
    expect(rows()).toEqual([{ v: 'a' }, { v: 'b' }, { v: 'c' }]);
  });

  it('rolls back a refused write alone; the rest of its group commits', async () => {
    const refused = () => {
      insert('x')();
      throw new Refused('not this one');
    };
    const outcomes = await Promise.allSettled([
      writes.run(insert('a')),
      writes.run(refused),
      writes.run(insert('b')),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(rows()).toEqual([{ v: 'a' }, { v: 'b' }]);
  });

  it('rejects every write of a group that fails otherwise, with the mapped error, and writes nothing', async () => {
    const broken = () => db.prepare('INSERT INTO missing (v) VALUES (1)').run();
    const outcomes = await Promise.allSettled([writes.run(insert('a')), writes.run(broken)]);
    expect(outcomes).toEqual([
      {
        status: 'rejected',
        reason: expect.objectContaining({ message: expect.stringMatching(/^group of 2 failed/) }),
      },
      {
        status: 'rejected',
        reason: expect.objectContaining({ message: expect.stringMatching(/^group of 2 failed/) }),
      },
    ]);
    expect(commits).toBe(0);
    expect(rows()).toEqual([]);
  });

  it('commits what is pending when flushed before the connection closes', async () => {
    const pending = writes.run(insert('a'));
    writes.flush();
    expect(rows()).toEqual([{ v: 'a' }]);
    await expect(pending).resolves.toBe(1);
  });

  it('starts a new group for writes handed in after a commit', async () => {
    await writes.run(insert('a'));
    await writes.run(insert('b'));
    expect(commits).toBe(2);
  });
});
