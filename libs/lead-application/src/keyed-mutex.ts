/**
 * Runs work one at a time per key. Commands on one lead inside one process queue here instead of racing
 * for the stream, so only commands from other processes ever need the conflict-and-retry path.
 */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(work);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Keys with work queued or running; for tests and metrics. */
  get size(): number {
    return this.tails.size;
  }
}
